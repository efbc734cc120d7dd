// Finding the package's own files from a test: the root folder, the built `kefu`, fixtures.

import Foundation

/// The folder holding `Package.swift`, found from a source file's path or the working
/// directory (`swift test` runs in the package root).
public enum PackageRoot {
    /// The package root above `filePath` (pass `#filePath`), else the working directory when
    /// it holds `Package.swift`.
    public static func path(from filePath: String = #filePath) -> String? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources").path) {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        let working = FileManager.default.currentDirectoryPath
        return FileManager.default.fileExists(atPath: working + "/Package.swift") ? working : nil
    }

    /// The `kefu` executable `swift build --build-tests` left in `.build/debug`, or the one
    /// `KEFU_EXECUTABLE` names.
    public static func kefuExecutable(from filePath: String = #filePath) -> String? {
        if let named = ProcessInfo.processInfo.environment["KEFU_EXECUTABLE"], FileManager.default.isExecutableFile(atPath: named) {
            return named
        }
        guard let root = path(from: filePath) else { return nil }
        for candidate in [".build/debug/kefu", ".build/release/kefu"] {
            let full = root + "/" + candidate
            if FileManager.default.isExecutableFile(atPath: full) { return full }
        }
        return nil
    }
}
