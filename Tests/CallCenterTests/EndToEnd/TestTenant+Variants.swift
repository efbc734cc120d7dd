// The tenant variants the end-to-end tests and the load script run against.

import Foundation

extension TestTenant {
    /// The variants by name, for the table test that provisions each one.
    enum Variant: String, CaseIterable, Sendable, CustomStringConvertible {
        /// One menu (2 service, 3 complaints), no inbound rules, 2 s wrap-up.
        case menu
        /// `menu` with complaints overflowing to service after 3 s.
        case overflow
        /// The demo flow and rules unchanged (blacklist, VIP, schedule).
        case demoRules
        /// The demo flow and rules with today a holiday: the office is closed.
        case afterHours
        /// Straight into the service queue, no prompt (call-rate runs).
        case straightToQueue
        /// A switchboard: the caller keys an extension and is put through, no queue.
        case switchboard

        var description: String { rawValue }

        /// The tenant this variant describes.
        func tenant() throws -> TestTenant {
            var tenant = try TestTenant.demo()
            switch self {
            case .menu:
                try tenant.useFlow("menu")
                try tenant.dropInboundRules()
                try tenant.wrapUp(seconds: 2)
            case .overflow:
                try tenant.useFlow("menu")
                try tenant.dropInboundRules()
                try tenant.wrapUp(seconds: 2)
                try tenant.replace("max_wait_seconds: 180", with: "max_wait_seconds: 3")
            case .demoRules:
                try tenant.wrapUp(seconds: 2)
            case .afterHours:
                try tenant.closedToday()
            case .straightToQueue:
                try tenant.useFlow("straight-to-queue")
                try tenant.dropInboundRules()
                try tenant.wrapUp(seconds: 1)
            case .switchboard:
                try tenant.useFlow("switchboard")
                try tenant.dropInboundRules()
            }
            return tenant
        }
    }
}
