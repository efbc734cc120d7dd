// Why the server closes an event stream: the WebSocket close codes (RFC 6455 §7.4.2 leaves
// 4000-4999 to applications) and reasons a client can act on.

import NIOWebSocket

/// The server's reasons to close `/api/v1/events`.
enum StreamCloseReason: Sendable, Equatable {
    /// The client did not read its messages fast enough; it reconnects and gets a snapshot.
    case fellBehind
    /// The user or tenant already holds as many streams as allowed.
    case tooManyStreams(String)

    /// The close code: 4008 (fell behind, like 408) and 4029 (too many, like 429).
    var code: WebSocketErrorCode {
        switch self {
        case .fellBehind: .unknown(4008)
        case .tooManyStreams: .unknown(4029)
        }
    }

    /// The close frame's reason text (at most 123 bytes, RFC 6455 §5.5).
    var reason: String {
        switch self {
        case .fellBehind: "fell behind: reconnect for a fresh snapshot"
        case .tooManyStreams(let message): String(message.utf8.prefix(123)) ?? "too many streams"
        }
    }
}
