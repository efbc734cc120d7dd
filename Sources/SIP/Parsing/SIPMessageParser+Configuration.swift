// Limits that keep a peer from making the parser hold or scan unbounded input.

extension SIPMessageParser {
    /// Limits on what the parser accepts; a peer exceeding one gets an error, never more memory.
    public struct Configuration: Hashable, Sendable {
        /// The largest message, start line to end of body, in bytes. Default 65,535 (the
        /// largest UDP payload; RFC 3261 §18.1.1 keeps larger messages on TCP).
        public var maxMessageSize: Int
        /// The most header lines a message may have. Default 256.
        public var maxHeaderCount: Int
        /// The longest start line or header field (folded continuation lines included), in
        /// bytes. Default 8,192.
        public var maxHeaderLineLength: Int

        /// Limits with the defaults above unless given.
        public init(maxMessageSize: Int = 65_535, maxHeaderCount: Int = 256, maxHeaderLineLength: Int = 8_192) {
            self.maxMessageSize = maxMessageSize
            self.maxHeaderCount = maxHeaderCount
            self.maxHeaderLineLength = maxHeaderLineLength
        }

        /// The default limits.
        public static let `default` = Configuration()
    }
}
