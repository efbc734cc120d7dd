// The HTTP Range header (RFC 9110 §14.1.2) for one byte range, as audio players send it.

import Foundation

/// One satisfiable byte range of a resource, or why none is.
enum ByteRange: Equatable {
    /// Bytes `lower...upper` of the resource.
    case bytes(ClosedRange<Int>)
    /// No Range header, or one this server ignores (several ranges): send everything.
    case whole
    /// A range outside the resource: 416.
    case unsatisfiable

    /// Reads `header` (`bytes=0-499`, `bytes=500-`, `bytes=-500`) against a resource of `size` bytes.
    init(header: String?, size: Int) {
        guard let header else {
            self = .whole
            return
        }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes="), !trimmed.contains(",") else {
            self = .whole
            return
        }
        let spec = trimmed.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            self = .unsatisfiable
            return
        }
        let first = parts[0].trimmingCharacters(in: .whitespaces), last = parts[1].trimmingCharacters(in: .whitespaces)
        switch (Int(first), Int(last)) {
        case (let start?, let end?) where start <= end && start >= 0:
            self = start < size ? .bytes(start...min(end, size - 1)) : .unsatisfiable
        case (let start?, nil) where last.isEmpty && start >= 0:
            self = start < size ? .bytes(start...(size - 1)) : .unsatisfiable
        case (nil, let suffix?) where first.isEmpty && suffix > 0:
            self = size > 0 ? .bytes(max(0, size - suffix)...(size - 1)) : .unsatisfiable
        default:
            self = .unsatisfiable
        }
    }
}
