// The error the SDP parser throws: which line of the session description, and what is wrong.

/// Why a session description (RFC 8866, formerly RFC 4566) could not be parsed.
///
/// Every error names the 1-based line it was found on (counting every line of the body,
/// blank ones included) and a reason precise enough to fix the sender: the line type, the
/// field and what the field should have been. Messages never echo the offending bytes, so
/// they are safe for logs and for a SIP `Warning` header.
public struct SDPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Hashable, Sendable {
        /// The body holds no lines.
        case emptyDescription
        /// The first line is not `v=`.
        case versionNotFirst
        /// `v=` holds something other than `0`.
        case unsupportedVersion
        /// A line does not start with a lowercase letter followed by `=`.
        case malformedLine
        /// A line type letter that SDP does not define (RFC 8866 §5 says to ignore such a
        /// description as a whole); the associated value is the letter.
        case unknownLineType(String)
        /// A line that may appear only once in its section appears again (e.g. `o=`).
        case duplicateLine(String)
        /// A required line is absent (`o=` or `s=`).
        case missingLine(String)
        /// A line that belongs elsewhere, e.g. `t=` inside a media description or `r=`
        /// before any `t=`; the text says where it belongs.
        case misplacedLine(String, String)
        /// A field of a line does not match its grammar: the line type (e.g. `m`), the field
        /// (e.g. `port`) and what was expected.
        case invalidField(line: String, field: String, expected: String)
        /// A NUL byte, which no SDP field may hold.
        case nulByte
        /// A CR that does not end a line.
        case bareCarriageReturn
    }

    /// The 1-based line number the defect is on.
    public var line: Int
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    public init(line: Int, _ reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// What is wrong, without the line number, e.g. `m= port: expected a number from 0 to 65535`.
    public var message: String {
        switch reason {
        case .emptyDescription: return "empty session description"
        case .versionNotFirst: return "the first line must be v=0"
        case .unsupportedVersion: return "unsupported SDP version (only v=0 exists)"
        case .malformedLine: return "expected <type>=<value> with a lowercase type letter"
        case .unknownLineType(let type): return "unknown line type \(type)="
        case .duplicateLine(let type): return "\(type)= may appear only once here"
        case .missingLine(let type): return "missing \(type)= line"
        case .misplacedLine(let type, let rule): return "\(type)= \(rule)"
        case .invalidField(let type, let field, let expected): return "\(type)= \(field): expected \(expected)"
        case .nulByte: return "NUL byte"
        case .bareCarriageReturn: return "CR without LF"
        }
    }

    /// `SDP line 7: m= port: expected a number from 0 to 65535`.
    public var description: String {
        "SDP line \(line): \(message)"
    }
}
