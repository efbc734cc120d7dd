// Schema version 1: tenants and their configuration, and the records of calls (issue 6).
//
// Conventions of every table:
// - ids are TEXT (UUIDs made by the store); times are BIGINT milliseconds since 1970 (UTC);
//   booleans are BOOLEAN; documents (flows, rules, schedules) are JSON in TEXT.
// - tenant data carries `tenant_id`, and references between a tenant's rows are composite
//   foreign keys `(tenant_id, x_id) -> x(tenant_id, id)`, so the database itself refuses a
//   row that points at another tenant's object.
// - records (CDRs, legs, state history, audit) keep ids of agents and queues without a
//   foreign key: they must outlive what they mention, until retention removes them.

extension Migration {
    static let coreSchema = Migration(version: 1, name: "core schema", sql: coreConfigurationTables + coreRecordTables)

    /// Version 1's configuration: tenants and what they configure.
    static let coreConfigurationTables: [String] = [
        """
        CREATE TABLE platform_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE tenants (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            sip_domain TEXT NOT NULL UNIQUE,
            seat_quota BIGINT NOT NULL,
            ivr_port_quota BIGINT NOT NULL,
            masking_policy TEXT NOT NULL,
            retention_days BIGINT NOT NULL,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE tenant_calendar_days (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            calendar_date TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (tenant_id, calendar_date)
        )
        """,
        """
        CREATE TABLE skills (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE prompts (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            published_version_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE prompt_versions (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            prompt_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            status TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            tts_text TEXT,
            tts_voice TEXT,
            audio_path TEXT,
            audio_sha256 TEXT,
            duration_ms BIGINT,
            created_by TEXT,
            created_at BIGINT NOT NULL,
            submitted_at BIGINT,
            reviewed_by TEXT,
            reviewed_at BIGINT,
            review_comment TEXT,
            published_at BIGINT,
            UNIQUE (prompt_id, version),
            FOREIGN KEY (tenant_id, prompt_id) REFERENCES prompts (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE flows (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            published_version_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE flow_versions (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            flow_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            status TEXT NOT NULL,
            document TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            created_by TEXT,
            created_at BIGINT NOT NULL,
            submitted_at BIGINT,
            reviewed_by TEXT,
            reviewed_at BIGINT,
            review_comment TEXT,
            published_at BIGINT,
            UNIQUE (flow_id, version),
            FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE queues (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            display_name TEXT NOT NULL,
            strategy TEXT NOT NULL,
            priority BIGINT NOT NULL,
            service_level_seconds BIGINT NOT NULL,
            wrap_up_seconds BIGINT NOT NULL,
            max_wait_seconds BIGINT,
            max_waiting BIGINT,
            overflow_queue_id TEXT,
            business_hours TEXT NOT NULL,
            music_on_hold_prompt_id TEXT,
            announce_interval_seconds BIGINT,
            callback_enabled BOOLEAN NOT NULL DEFAULT FALSE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, name),
            UNIQUE (tenant_id, id),
            FOREIGN KEY (tenant_id, overflow_queue_id) REFERENCES queues (tenant_id, id),
            FOREIGN KEY (tenant_id, music_on_hold_prompt_id) REFERENCES prompts (tenant_id, id)
        )
        """,
        """
        CREATE TABLE queue_skills (
            tenant_id TEXT NOT NULL,
            queue_id TEXT NOT NULL,
            skill_id TEXT NOT NULL,
            min_level BIGINT NOT NULL,
            PRIMARY KEY (queue_id, skill_id),
            FOREIGN KEY (tenant_id, queue_id) REFERENCES queues (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            work_number TEXT NOT NULL,
            display_name TEXT NOT NULL,
            extension TEXT NOT NULL,
            pc_phone_number TEXT,
            voice_capacity BIGINT NOT NULL,
            chat_capacity BIGINT NOT NULL,
            email_capacity BIGINT NOT NULL,
            auto_answer BOOLEAN NOT NULL DEFAULT FALSE,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, work_number),
            UNIQUE (tenant_id, extension),
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE agent_skills (
            tenant_id TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            skill_id TEXT NOT NULL,
            level BIGINT NOT NULL,
            PRIMARY KEY (agent_id, skill_id),
            FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, skill_id) REFERENCES skills (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE agent_queues (
            tenant_id TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            queue_id TEXT NOT NULL,
            tier BIGINT NOT NULL,
            PRIMARY KEY (agent_id, queue_id),
            FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, queue_id) REFERENCES queues (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX agent_queues_queue ON agent_queues (queue_id)",
        """
        CREATE TABLE sip_credentials (
            realm TEXT NOT NULL,
            username TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            ha1_md5 TEXT NOT NULL,
            ha1_sha256 TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (realm, username),
            FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX sip_credentials_agent ON sip_credentials (agent_id)",
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
            username TEXT NOT NULL,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            agent_id TEXT,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            last_login_at BIGINT,
            FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
        )
        """,
        "CREATE UNIQUE INDEX users_tenant_username ON users (tenant_id, username) WHERE tenant_id IS NOT NULL",
        "CREATE UNIQUE INDEX users_platform_username ON users (username) WHERE tenant_id IS NULL",
        """
        CREATE TABLE user_roles (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            PRIMARY KEY (user_id, role)
        )
        """,
        """
        CREATE TABLE trunks (
            id TEXT PRIMARY KEY,
            tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL UNIQUE,
            transport TEXT NOT NULL,
            inbound BOOLEAN NOT NULL,
            outbound BOOLEAN NOT NULL,
            trusted BOOLEAN NOT NULL,
            max_channels BIGINT,
            allowed_prefixes TEXT NOT NULL,
            auth_username TEXT,
            auth_realm TEXT,
            auth_ha1_md5 TEXT,
            auth_ha1_sha256 TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE trunk_addresses (
            trunk_id TEXT NOT NULL REFERENCES trunks(id) ON DELETE CASCADE,
            host TEXT NOT NULL,
            port BIGINT NOT NULL,
            PRIMARY KEY (trunk_id, host, port)
        )
        """,
        "CREATE INDEX trunk_addresses_host ON trunk_addresses (host)",
        """
        CREATE TABLE access_numbers (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            number TEXT NOT NULL UNIQUE,
            purpose TEXT NOT NULL,
            carrier TEXT NOT NULL,
            inbound BOOLEAN NOT NULL,
            outbound BOOLEAN NOT NULL,
            flow_id TEXT,
            rules TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, id),
            FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id)
        )
        """,
    ]
}
