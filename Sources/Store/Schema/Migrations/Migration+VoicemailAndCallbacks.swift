// Schema version 3: what the call path writes when nobody can answer at once: mailboxes
// (留言信箱) with their voicemail messages, and callback requests (预约回拨) that callers
// leave instead of waiting in a queue. An upgrade of version 2 (new tables only).

extension Migration {
    static let voicemailAndCallbacks = Migration(version: 3, name: "voicemail and callbacks", sql: [
        """
        CREATE TABLE mailboxes (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            display_name TEXT NOT NULL,
            greeting_prompt_id TEXT,
            max_message_seconds BIGINT NOT NULL,
            queue_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id),
            FOREIGN KEY (tenant_id, greeting_prompt_id) REFERENCES prompts (tenant_id, id),
            FOREIGN KEY (tenant_id, queue_id) REFERENCES queues (tenant_id, id)
        )
        """,
        """
        CREATE TABLE voicemails (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            mailbox_id TEXT NOT NULL,
            call_id TEXT NOT NULL,
            caller_number TEXT NOT NULL,
            called_number TEXT,
            received_at BIGINT NOT NULL,
            duration_ms BIGINT NOT NULL,
            audio_path TEXT NOT NULL,
            audio_sha256 TEXT,
            status TEXT NOT NULL,
            handled_by_agent_id TEXT,
            handled_at BIGINT,
            created_at BIGINT NOT NULL,
            FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX voicemails_mailbox ON voicemails (tenant_id, mailbox_id, received_at)",
        """
        CREATE TABLE callback_requests (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            queue_id TEXT NOT NULL,
            number TEXT NOT NULL,
            call_id TEXT,
            status TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            next_attempt_at BIGINT,
            agent_id TEXT,
            last_outcome TEXT,
            created_at BIGINT NOT NULL,
            completed_at BIGINT,
            FOREIGN KEY (tenant_id, queue_id) REFERENCES queues (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX callback_requests_due ON callback_requests (status, next_attempt_at)",
        "CREATE INDEX callback_requests_tenant ON callback_requests (tenant_id, queue_id, created_at)",
    ])
}
