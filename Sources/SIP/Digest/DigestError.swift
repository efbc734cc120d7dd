// Why a digest header could not be read or a challenge not answered.

/// A defect in a `WWW-Authenticate`, `Proxy-Authenticate`, `Authorization` or
/// `Proxy-Authorization` value, or a challenge Kefu cannot answer.
public enum DigestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The scheme is not `Digest` (e.g. `Basic`).
    case unsupportedScheme(String)
    /// The parameter list does not follow `auth-param *(COMMA auth-param)`; the text says where.
    case malformedParameters(String)
    /// A parameter the header must carry is absent.
    case missingParameter(String)
    /// A parameter appears twice.
    case duplicateParameter(String)
    /// `algorithm` names a hash Kefu does not speak.
    case unsupportedAlgorithm(String)
    /// The challenge offers only qop values other than `auth` (e.g. only `auth-int`).
    case unsupportedQOP(String)
    /// `nc` is not eight hex digits.
    case invalidNonceCount(String)

    /// A short message a person can act on; never echoes secrets.
    public var description: String {
        switch self {
        case .unsupportedScheme(let scheme): return "unsupported authentication scheme \(scheme)"
        case .malformedParameters(let detail): return "malformed digest parameters: \(detail)"
        case .missingParameter(let name): return "digest parameter \(name) is missing"
        case .duplicateParameter(let name): return "digest parameter \(name) appears twice"
        case .unsupportedAlgorithm(let name): return "unsupported digest algorithm \(name)"
        case .unsupportedQOP(let value): return "unsupported qop \(value)"
        case .invalidNonceCount(let value): return "bad nonce count \(value)"
        }
    }
}
