// Schema version 1, continued: customers and the records of calls (CDRs with legs,
// recordings, agent state history, audit log). See Migration+CoreSchema.swift for the
// conventions every table follows.

extension Migration {
    /// Version 1's records.
    static let coreRecordTables: [String] = [
        """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            vip_tier BIGINT NOT NULL,
            notes TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, id)
        )
        """,
        """
        CREATE TABLE customer_numbers (
            tenant_id TEXT NOT NULL,
            number TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            PRIMARY KEY (tenant_id, number),
            FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE recordings (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            channels BIGINT NOT NULL,
            sample_rate BIGINT NOT NULL,
            duration_ms BIGINT NOT NULL,
            size_bytes BIGINT NOT NULL,
            started_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (tenant_id, id)
        )
        """,
        "CREATE INDEX recordings_call ON recordings (tenant_id, call_id)",
        """
        CREATE TABLE call_detail_records (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            caller_number TEXT NOT NULL,
            caller_hidden BOOLEAN NOT NULL,
            called_number TEXT NOT NULL,
            access_number_id TEXT,
            arrived_at BIGINT NOT NULL,
            ivr_started_at BIGINT,
            enqueued_at BIGINT,
            offered_at BIGINT,
            answered_at BIGINT,
            ended_at BIGINT NOT NULL,
            queue_id TEXT,
            agent_id TEXT,
            agent_work_number TEXT,
            hung_up_by TEXT NOT NULL,
            disposition TEXT NOT NULL,
            survey_score BIGINT,
            recording_id TEXT,
            forward_count BIGINT NOT NULL,
            diversion TEXT NOT NULL,
            call_data TEXT NOT NULL,
            trace_id TEXT,
            created_at BIGINT NOT NULL,
            UNIQUE (tenant_id, call_id),
            UNIQUE (tenant_id, id)
        )
        """,
        "CREATE INDEX cdr_tenant_arrived ON call_detail_records (tenant_id, arrived_at, id)",
        "CREATE INDEX cdr_tenant_agent ON call_detail_records (tenant_id, agent_id, arrived_at)",
        "CREATE INDEX cdr_tenant_queue ON call_detail_records (tenant_id, queue_id, arrived_at)",
        "CREATE INDEX cdr_tenant_caller ON call_detail_records (tenant_id, caller_number)",
        "CREATE INDEX cdr_tenant_called ON call_detail_records (tenant_id, called_number)",
        """
        CREATE TABLE call_legs (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            cdr_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            kind TEXT NOT NULL,
            agent_id TEXT,
            number TEXT,
            trunk_id TEXT,
            sip_call_id TEXT,
            started_at BIGINT NOT NULL,
            answered_at BIGINT,
            ended_at BIGINT NOT NULL,
            outcome TEXT NOT NULL,
            sip_status BIGINT,
            hold_count BIGINT NOT NULL,
            hold_ms BIGINT NOT NULL,
            UNIQUE (cdr_id, seq),
            FOREIGN KEY (tenant_id, cdr_id) REFERENCES call_detail_records (tenant_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE agent_state_events (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            agent_id TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            state TEXT NOT NULL,
            reason_code TEXT,
            call_id TEXT,
            source TEXT NOT NULL,
            actor_user_id TEXT
        )
        """,
        "CREATE INDEX agent_state_events_agent ON agent_state_events (tenant_id, agent_id, occurred_at)",
        "CREATE INDEX agent_state_events_time ON agent_state_events (tenant_id, occurred_at)",
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
            occurred_at BIGINT NOT NULL,
            actor_kind TEXT NOT NULL,
            actor_id TEXT,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            object_kind TEXT NOT NULL,
            object_id TEXT,
            source_address TEXT,
            detail TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, occurred_at)",
    ]
}
