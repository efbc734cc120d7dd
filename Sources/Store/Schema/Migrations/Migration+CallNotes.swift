// Schema version 4: call notes (电话小结) that agents write on the agent desktop after a
// call, with the disposition code they chose, one per call record. An upgrade of version 3
// (one new table; nothing stored before changes).

extension Migration {
    static let callNotes = Migration(version: 4, name: "call notes", sql: [
        """
        CREATE TABLE call_notes (
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            cdr_id TEXT NOT NULL,
            call_id TEXT NOT NULL,
            disposition_code TEXT NOT NULL,
            note_text TEXT NOT NULL,
            author TEXT NOT NULL,
            agent_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, cdr_id),
            FOREIGN KEY (tenant_id, cdr_id) REFERENCES call_detail_records (tenant_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX call_notes_disposition ON call_notes (tenant_id, disposition_code, updated_at)",
    ])
}
