// Schema version 2: the organization model and the operating tables the API and the
// organization issues need (issues 8-10): sites, partners, teams, not-ready reasons, API
// keys, webhooks with their delivery log, the SMS outbox, and the organization columns
// that agents, users and CDRs gain. Written as an upgrade of version 1 (ADD COLUMN, new
// tables), as every later version will be.

extension Migration {
    static let organizationAndOperations = Migration(version: 2, name: "organization and operations", sql: [
        """
        CREATE TABLE sites (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE partners (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            regions TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            site_id TEXT,
            partner_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id),
            FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id),
            FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id)
        )
        """,
        "ALTER TABLE agents ADD COLUMN team_id TEXT REFERENCES teams(id)",
        "ALTER TABLE agents ADD COLUMN site_id TEXT REFERENCES sites(id)",
        "ALTER TABLE agents ADD COLUMN partner_id TEXT REFERENCES partners(id)",
        "ALTER TABLE users ADD COLUMN partner_id TEXT REFERENCES partners(id)",
        """
        CREATE TABLE user_teams (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, team_id)
        )
        """,
        // Snapshots at call time, so reports group by the organization the call was handled in.
        "ALTER TABLE call_detail_records ADD COLUMN team_id TEXT",
        "ALTER TABLE call_detail_records ADD COLUMN site_id TEXT",
        "ALTER TABLE call_detail_records ADD COLUMN partner_id TEXT",
        "CREATE INDEX cdr_tenant_partner ON call_detail_records (tenant_id, partner_id, arrived_at)",
        """
        CREATE TABLE not_ready_reasons (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            max_duration_seconds BIGINT,
            max_per_shift BIGINT,
            max_concurrent_per_team BIGINT,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            sort_order BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, code),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL UNIQUE,
            secret_sha256 TEXT NOT NULL,
            scopes TEXT NOT NULL,
            created_by TEXT,
            created_at BIGINT NOT NULL,
            expires_at BIGINT,
            last_used_at BIGINT,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX api_keys_tenant ON api_keys (tenant_id)",
        """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            events TEXT NOT NULL,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            webhook_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            next_attempt_at BIGINT,
            last_attempt_at BIGINT,
            last_status_code BIGINT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT,
            FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
        "CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (tenant_id, webhook_id, created_at)",
        """
        CREATE TABLE sms_outbox (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            to_number TEXT NOT NULL,
            from_number TEXT,
            body TEXT NOT NULL,
            purpose TEXT NOT NULL,
            call_id TEXT,
            status TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            next_attempt_at BIGINT,
            gateway_message_id TEXT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            delivered_at BIGINT
        )
        """,
        "CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at)",
        "CREATE INDEX sms_outbox_gateway ON sms_outbox (gateway_message_id)",
        "CREATE INDEX sms_outbox_tenant ON sms_outbox (tenant_id, created_at)",
    ])
}
