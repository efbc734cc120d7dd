// Queues open and close on their service hours (服务时间): the ACD turns callers away from a
// closed queue by its overflow rule (the overflow queue, else the flow's "no agent" branch).

import ACD
import Foundation
import IVR
import Logging

extension TenantRuntime {
    /// Whether each queue with service hours is open at `date` (queues without are absent),
    /// with the tenant's time zone, holidays and make-up working days.
    public func queueOpenness(at date: Date) -> [String: Bool] {
        let local = calendar.localDateTime(at: UnixTime(secondsSince1970: Int64(date.timeIntervalSince1970)))
        return queueHours.mapValues { $0.isOpen(at: local, holidays: calendar.holidays) }
    }
}

extension CallCenter {
    /// Every `interval`, opens and closes the ACD's queues whose service hours say so.
    func keepQueueHours(interval: Duration = .seconds(15)) async {
        while !Task.isCancelled {
            await applyQueueHours(at: Date())
            try? await Task.sleep(for: interval)
        }
    }

    /// Tells the ACD which queues with service hours are open at `date`, where it thinks
    /// otherwise (a reload configures every queue open again).
    func applyQueueHours(at date: Date) async {
        for tenant in directory.tenants where !tenant.queueHours.isEmpty {
            let id = TenantID(tenant.id)
            let current = Dictionary(await acd.queueStatuses(tenant: id).map { ($0.id.rawValue, $0.isOpen) }, uniquingKeysWith: { first, _ in first })
            for (queue, open) in tenant.queueOpenness(at: date) where current[queue] != open {
                _ = await acd.handle(open ? .queueOpened(QueueID(queue)) : .queueClosed(QueueID(queue)), tenant: id)
                logger.info("queue hours", metadata: [
                    "tenant": "\(tenant.id)", "queue": "\(tenant.queuesByID[queue]?.name ?? queue)", "open": "\(open)",
                ])
            }
        }
    }
}
