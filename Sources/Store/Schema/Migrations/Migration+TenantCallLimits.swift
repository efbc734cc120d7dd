// Schema version 6: each tenant's own overload limits (concurrent calls, new calls per
// second), part of its quota. NULL keeps the platform's per-tenant default (`kefu serve
// --max-tenant-calls/--max-tenant-call-rate`). An upgrade: two nullable columns.

extension Migration {
    static let tenantCallLimits = Migration(version: 6, name: "tenant call limits", sql: [
        "ALTER TABLE tenants ADD COLUMN max_concurrent_calls BIGINT",
        "ALTER TABLE tenants ADD COLUMN max_calls_per_second BIGINT",
    ])
}
