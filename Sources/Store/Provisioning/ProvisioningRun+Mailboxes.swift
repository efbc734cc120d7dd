// Provisioning mailboxes, after prompts and queues (a mailbox names one of each).

extension ProvisioningRun {
    func applyMailboxes(_ entry: ProvisioningDocument.TenantEntry, path: String, names: TenantNames) async throws {
        let t = names.tenant.id
        var stored: [String: Mailbox] = [:]
        for mailbox in try await store.mailboxes.list(t) { stored[mailbox.name] = mailbox }
        for (index, mailbox) in (entry.mailboxes ?? []).enumerated() {
            let field = "\(path).mailboxes[\(index)]"
            let greeting = resolve(mailbox.greeting, names.prompts, kind: "prompt", field: "\(field).greeting", names: names)
            let queue = resolve(mailbox.queue, names.queues, kind: "queue", field: "\(field).queue", names: names)
            let definition = MailboxDefinition(
                name: mailbox.name, displayName: mailbox.displayName ?? "", greetingPromptID: greeting.value?.id,
                maxMessageSeconds: mailbox.maxMessageSeconds ?? 120, queueID: queue.value?.id)
            guard !greeting.isMissing, !queue.isMissing else {
                reportStatic(field: field) { try MailboxRepository.validate(definition) }
                continue
            }
            _ = try await upsert(
                "mailbox", "\(names.code)/\(mailbox.name)", path: field, existing: stored[mailbox.name],
                isUnchanged: { $0.definition == definition },
                create: { try await self.store.mailboxes.create(t, definition) },
                update: { try await self.store.mailboxes.update(t, $0.id, definition) })
        }
    }
}
