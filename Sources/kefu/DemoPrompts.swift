// Copies the demo's pre-rendered TTS prompts into the data directory, so the demo speaks
// without espeak-ng installed.

import Foundation

/// The demo's pre-rendered prompts (examples/tts-cache, WAV files named as the media
/// engine's TTS cache names them).
enum DemoPrompts {
    /// Copies every file of `<examples>/tts-cache` missing from `<dataDirectory>/tts-cache`.
    static func install(from examples: String, into dataDirectory: String) {
        let source = (examples as NSString).appendingPathComponent("tts-cache")
        let target = (dataDirectory as NSString).appendingPathComponent("tts-cache")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in files {
            let destination = (target as NSString).appendingPathComponent(name)
            guard !FileManager.default.fileExists(atPath: destination) else { continue }
            try? FileManager.default.copyItem(atPath: (source as NSString).appendingPathComponent(name), toPath: destination)
        }
    }
}
