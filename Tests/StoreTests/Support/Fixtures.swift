// Definitions tests build on: small, valid, and different per tenant code.
import Foundation
@testable import Store

enum Fixtures {
    static func tenant(_ code: String) -> TenantDefinition {
        TenantDefinition(
            code: code,
            name: "\(code.capitalized) Ltd",
            timeZone: "Asia/Shanghai",
            sipDomain: "\(code).kefu.test",
            quotas: TenantQuotas(seats: 20, ivrPorts: 30),
            maskingPolicy: .middle,
            retentionDays: 180,
            calendar: [
                CalendarDay(date: "2026-10-01", kind: .holiday, name: "National Day"),
                CalendarDay(date: "2026-10-11", kind: .workday, name: "Make-up working day"),
            ]
        )
    }
}
