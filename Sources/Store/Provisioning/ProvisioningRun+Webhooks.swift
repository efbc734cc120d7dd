// Provisioning webhooks, matched by URL: events and the active flag as the file says; the
// signing secret when the file gives one (a new webhook needs one: a generated secret would
// be shown nowhere, so the receiver could never check a signature).

extension ProvisioningRun {
    func applyWebhooks(_ entry: ProvisioningDocument.TenantEntry, path: String, names: TenantNames) async throws {
        let t = names.tenant.id
        var stored: [String: Webhook] = [:]
        for webhook in try await store.webhooks.list(t) { stored[webhook.definition.url] = webhook }
        for (index, webhook) in (entry.webhooks ?? []).enumerated() {
            let definition = WebhookDefinition(url: webhook.url, events: webhook.events, active: webhook.active ?? true)
            if stored[webhook.url] == nil, webhook.secret == nil {
                issues.add("\(path).webhooks[\(index)].secret", nil,
                           "is needed for a new webhook (16 or more characters, shared with the receiver that checks the signatures)")
                continue
            }
            _ = try await upsert(
                "webhook", "\(names.code)/\(webhook.url)", path: "\(path).webhooks[\(index)]", existing: stored[webhook.url],
                isUnchanged: { $0.definition == definition && (webhook.secret == nil || webhook.secret == $0.secret) },
                create: { try await self.store.webhooks.create(t, definition, secret: webhook.secret) },
                update: { existing in
                    var updated = try await self.store.webhooks.update(t, existing.id, definition)
                    if let secret = webhook.secret, secret != existing.secret {
                        updated = try await self.store.webhooks.replaceSecret(t, existing.id, secret)
                    }
                    return updated
                })
        }
    }
}
