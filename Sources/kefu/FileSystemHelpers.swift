// Small file-system helpers for the commands (no Foundation needed).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system helpers the commands share.
enum FileSystemHelpers {
    /// Creates `path` (one level) unless it exists.
    static func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw CommandError("cannot create the data directory \(path) (errno \(errno))")
        }
    }
}

/// A command-line error with a message a person can act on.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
