// The `mailboxes:` list of a tenant in the provisioning format.

extension ProvisioningDocument {
    /// A mailbox: `name` (what IVR flows' voicemail nodes name), an optional greeting prompt
    /// and the queue whose agents handle the messages.
    public struct MailboxEntry: Codable, Hashable, Sendable {
        /// The name, unique within the tenant.
        public var name: String
        /// `display_name:` in the file (optional).
        public var displayName: String?
        /// The name of the prompt played before the beep (optional).
        public var greeting: String?
        /// `max_message_seconds:` in the file (optional, default 120).
        public var maxMessageSeconds: Int?
        /// The name of the queue whose agents handle the messages (optional).
        public var queue: String?

        enum CodingKeys: String, CodingKey {
            case name
            case displayName = "display_name"
            case greeting
            case maxMessageSeconds = "max_message_seconds"
            case queue
        }
    }
}
