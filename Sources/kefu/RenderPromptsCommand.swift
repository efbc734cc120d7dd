// `kefu render-prompts`: render the TTS prompts of flows (and the call path's fixed phrases)
// into a TTS cache directory, so a deployment (or the demo) needs no espeak-ng at run time.

import ArgumentParser
import CallCenter
import Foundation
import Media

/// Pre-renders TTS prompts with espeak-ng into the media engine's cache format.
struct RenderPromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-prompts",
        abstract: "Render the TTS prompts of flow files into a TTS cache directory (needs espeak-ng).",
        shouldDisplay: false
    )

    @Option(name: .customLong("out"), help: "The cache directory to fill.")
    var output = "examples/tts-cache"

    @Option(name: .customLong("agent"), help: "A work number whose 报工号 announcement to render; repeat for more.")
    var workNumbers: [String] = []

    @Option(name: .customLong("numbers-through"), help: "Render the numbers of queue announcements from 0 through this.")
    var numbersThrough = 20

    @Argument(help: "Flow files (JSON).")
    var flows: [String] = []

    func run() async throws {
        var texts = Set(CallPathPhrases.mandarin(workNumbers: workNumbers, numbersThrough: numbersThrough).map { PromptText(text: $0, language: "zh") })
        for file in flows {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            PromptText.collect(from: try JSONSerialization.jsonObject(with: data), language: "zh", into: &texts)
        }
        let synthesizer = SpeechSynthesizer(cacheDirectory: output)
        var rendered = 0
        for text in texts.sorted(by: { $0.text < $1.text }) where !text.text.contains("${") {
            let voice: SpeechVoice = text.language.hasPrefix("en") ? .english : .mandarin
            _ = try await synthesizer.cachedFile(for: text.text, voice: voice)
            rendered += 1
        }
        print("rendered \(rendered) prompts into \(output)")
    }
}

/// A TTS text and its language.
struct PromptText: Hashable {
    var text: String
    var language: String

    /// Every `tts` string in a flow document, with the language of its `localized` key or
    /// its `language` field.
    static func collect(from value: Any, language: String, into texts: inout Set<PromptText>) {
        if let object = value as? [String: Any] {
            let own = object["language"] as? String ?? language
            if let text = object["tts"] as? String { texts.insert(PromptText(text: text, language: own)) }
            for (key, child) in object {
                if key == "localized", let map = child as? [String: Any] {
                    for (code, prompt) in map { collect(from: prompt, language: code, into: &texts) }
                } else {
                    collect(from: child, language: own, into: &texts)
                }
            }
        } else if let array = value as? [Any] {
            for child in array { collect(from: child, language: language, into: &texts) }
        }
    }
}
