// The `webhooks:` list of a tenant in the provisioning format: where the tenant's CRM hears of
// call and agent events. An export leaves the signing secrets out.

extension ProvisioningDocument {
    /// A webhook: the URL events are POSTed to, the event types it wants (`*` for all),
    /// whether it is on, and optionally its signing secret.
    public struct WebhookEntry: Codable, Hashable, Sendable {
        /// The URL, unique within the tenant (provisioning matches webhooks by it).
        public var url: String
        /// The event types sent, e.g. `call.ended`, `agent.state_changed`, or `*`.
        public var events: [String]
        /// `active:` in the file (optional, default true).
        public var active: Bool?
        /// `secret:` in the file (at least 16 characters): the HMAC signing secret the
        /// receiver checks. Needed to create a webhook; left out, an existing one keeps its
        /// own. Exports never write it.
        public var secret: String?
    }
}
