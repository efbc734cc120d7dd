// Loading the byte-exact message fixtures that ship with this test target.

import Foundation

/// The fixture files of `Tests/SIPTests/Fixtures`, copied into the test bundle.
enum Fixtures {
    /// The bytes of `Fixtures/<directory>/<name>`.
    static func bytes(_ directory: String, _ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(directory)") else {
            throw FixtureError.missing("\(directory)/\(name)")
        }
        return Array(try Data(contentsOf: url))
    }

    /// The names of the files in `Fixtures/<directory>` with the given extension, sorted.
    static func names(_ directory: String, extension pathExtension: String) throws -> [String] {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(directory)", withExtension: nil) else {
            throw FixtureError.missing(directory)
        }
        return try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".\(pathExtension)") }
            .sorted()
    }

    enum FixtureError: Error {
        case missing(String)
    }
}
