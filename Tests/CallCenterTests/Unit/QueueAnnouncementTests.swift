// The position announcement a waiting caller hears: what it says, that a long queue asks the
// speech cache for a bounded set of renderings, and that the demo's pre-rendered cache says the
// call path's phrases with no espeak-ng.

import Foundation
import Media
import Testing
@testable import CallCenter

@Suite struct QueueAnnouncementTests {
    /// The texts the prompt speaks, in order.
    private func spoken(_ prompt: Prompt) -> [String] {
        switch prompt {
        case .speech(let text, _): [text]
        case .sequence(let prompts): prompts.flatMap(spoken)
        case .loop(let prompt, _): spoken(prompt)
        default: []
        }
    }

    @Test("the caller hears how many callers are ahead and the expected wait in minutes", arguments: [
        (3, 90 as Int?, "您前面还有2位客户在等待，预计等待约2分钟，请稍候。"),
        (1, nil, "您前面还有0位客户在等待，请稍候。"),
        (12, 1, "您前面还有11位客户在等待，预计等待约1分钟，请稍候。"),
        (40, 3_600, "您前面还有39位客户在等待，预计等待约60分钟，请稍候。"),
        (400, 3_700, "您前面还有399位客户在等待，预计等待超过一小时，请稍候。"),
    ])
    func sentence(position: Int, waitSeconds: Int?, heard: String) {
        #expect(spoken(CallPrompts.position(position, waitSeconds: waitSeconds)).joined() == heard)
    }

    @Test("a queue of 500 with every wait up to two hours needs one rendering per phrase and per number, not per sentence")
    func boundedRenderings() {
        var texts = Set<String>()
        var sentences = Set<String>()
        for position in 1...500 {
            for waitSeconds in stride(from: 0, through: 7_200, by: 20) {
                let pieces = spoken(CallPrompts.position(position, waitSeconds: waitSeconds))
                texts.formUnion(pieces)
                sentences.insert(pieces.joined())
            }
        }
        #expect(sentences.count > 25_000, "the announcements still tell the callers apart")
        #expect(texts.count <= 500 + 60 + 6, "distinct speech texts: \(texts.count)")
    }

    @Test("the demo's shipped prompt cache says every phrase of the call path with no espeak-ng installed")
    func shippedCacheWorksOffline() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shipped = root.appendingPathComponent("examples/tts-cache").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-tts-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: shipped, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let offline = SpeechSynthesizer(cacheDirectory: directory, executable: "/nonexistent/espeak-ng")
        let phrases = CallPathPhrases.mandarin(workNumbers: ["1001", "1002", "1003"], numbersThrough: 20)
        #expect(phrases.count > 30)
        for text in phrases {
            let clip = try? await offline.clip(for: text, voice: .mandarin)
            #expect((clip?.samples.count ?? 0) > 2_000, "no pre-rendered audio for '\(text)' (run kefu render-prompts)")
        }
        // And the demo flows' own TTS (those without ${variables}), in whichever voice.
        var flowTexts: [String] = []
        for name in ["demo.json", "demo-routing.json"] {
            let data = try Data(contentsOf: root.appendingPathComponent("examples/flows/\(name)"))
            collectTTS(try JSONSerialization.jsonObject(with: data), into: &flowTexts)
        }
        #expect(flowTexts.count > 5)
        for text in flowTexts where !text.contains("${") {
            let mandarin = try? await offline.clip(for: text, voice: .mandarin)
            let english = mandarin == nil ? try? await offline.clip(for: text, voice: .english) : nil
            #expect(mandarin != nil || english != nil, "no pre-rendered audio for the demo flow's '\(text)'")
        }
    }

    private func collectTTS(_ value: Any, into texts: inout [String]) {
        if let object = value as? [String: Any] {
            if let text = object["tts"] as? String { texts.append(text) }
            for child in object.values { collectTTS(child, into: &texts) }
        } else if let array = value as? [Any] {
            for child in array { collectTTS(child, into: &texts) }
        }
    }
}
