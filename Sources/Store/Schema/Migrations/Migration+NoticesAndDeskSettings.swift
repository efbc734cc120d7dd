// Schema version 5: notices (通知公告) that a tenant's admins and supervisors publish to the
// agent desktop, and the tenant's desk settings (the embedded CRM page's URL template and
// the disposition codes of call notes). An upgrade of version 4 (new tables only; a tenant
// without a settings row keeps the built-in defaults).

extension Migration {
    static let noticesAndDeskSettings = Migration(version: 5, name: "notices and desk settings", sql: [
        """
        CREATE TABLE notices (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            pinned BOOLEAN NOT NULL,
            expires_at BIGINT,
            author TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (tenant_id, id)
        )
        """,
        "CREATE INDEX notices_tenant ON notices (tenant_id, created_at)",
        """
        CREATE TABLE tenant_desk_settings (
            tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
            crm_url_template TEXT,
            disposition_codes TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
