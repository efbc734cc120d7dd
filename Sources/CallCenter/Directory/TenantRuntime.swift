// One tenant's configuration, ready for calls: parsed rule sets, prepared flows, the ACD
// configuration, agents by extension and work number, queues by name.

import ACD
import Foundation
import IVR

/// An access number ready to take calls.
public struct NumberRoute: Sendable {
    /// The tenant it belongs to.
    public var tenantID: String
    /// The store's id of the number.
    public var numberID: String
    /// The dialled number.
    public var number: String
    /// Whether outgoing calls may present it.
    public var outbound: Bool
    /// Its inbound rules, if any.
    public var rules: InboundRuleSet?
    /// The flow it runs when the rules route to it (or when it has no rules).
    public var flow: PreparedFlow?
}

/// One tenant, prepared.
public struct TenantRuntime: Sendable {
    /// The records it was built from.
    public var record: TenantRecord
    /// Holidays, time zone and office hours.
    public var calendar: TenantCalendar
    /// Prepared flows by IVR flow id.
    public var flows: [FlowID: PreparedFlow]
    /// Access numbers by dialled number.
    public var numbers: [String: NumberRoute]
    /// Agents by extension.
    public var agentsByExtension: [String: AgentRecord]
    /// Agents by store id.
    public var agentsByID: [String: AgentRecord]
    /// Agents by work number (工号).
    public var agentsByWorkNumber: [String: AgentRecord]
    /// Queues by name.
    public var queuesByName: [String: QueueRecord]
    /// Queues by store id.
    public var queuesByID: [String: QueueRecord]
    /// The surveys queues name (their flows, to be entered at the first survey node), by queue id.
    public var queueSurveys: [String: PreparedFlow]
    /// Service hours of the queues that have them, by queue id (a queue without is always
    /// open); holidays and make-up working days come from `calendar`.
    public var queueHours: [String: BusinessHours]
    /// What the ACD engine is configured with.
    public var acdConfiguration: ACDTenantConfiguration
    /// Problems found while preparing (bad flows or rules are skipped, not fatal).
    public var problems: [String]

    /// The tenant's id.
    public var id: String { record.id }

    /// Prepares `record`; `alwaysOpen` makes office hours round the clock (the demo);
    /// agents' phones ring `offerTimeoutSeconds` before an offer goes back to the queue.
    public init(_ record: TenantRecord, alwaysOpen: Bool = false, offerTimeoutSeconds: Int = 20) {
        self.record = record
        var problems: [String] = []
        let timeZone = TenantTimeZone(record.timeZone) ?? .china
        let holidays = HolidayCalendar(
            name: record.code,
            holidays: record.calendarDays.filter { !$0.isWorkday }.compactMap { day in
                CivilDate(day.date).map { Holiday(name: day.name, from: $0) }
            },
            makeUpWorkdays: record.calendarDays.filter(\.isWorkday).compactMap { CivilDate($0.date) })
        let hours = alwaysOpen
            ? BusinessHours(weekly: [WeeklyWindow(days: Weekday.allCases, from: .midnight, to: .endOfDay)],
                            holidayWindows: [WeeklyWindow(days: Weekday.allCases, from: .midnight, to: .endOfDay)])
            : BusinessHours.standard
        calendar = TenantCalendar(timeZone: timeZone, holidays: holidays, officeHours: hours)

        let references = FlowReferences(queues: Set(record.queues.map { QueueName($0.name) }))
        var flowsByStoreID: [String: PreparedFlow] = [:]
        var flows: [FlowID: PreparedFlow] = [:]
        for (storeID, document) in record.flows {
            do {
                let definition = try JSONDecoder().decode(FlowDefinition.self, from: document)
                let prepared = try PreparedFlow(definition, references: references)
                flowsByStoreID[storeID] = prepared
                flows[definition.id] = prepared
            } catch {
                problems.append("flow \(storeID): \(error)")
            }
        }
        self.flows = flows
        var queueSurveys: [String: PreparedFlow] = [:]
        for queue in record.queues {
            guard let name = queue.surveyFlow else { continue }
            if let flow = queue.surveyFlowID.flatMap({ flowsByStoreID[$0] }) {
                queueSurveys[queue.id] = flow
            } else {
                problems.append("queue \(queue.name): survey_flow '\(name)' is not a published flow of this tenant (its callers take the number's or the tenant's survey)")
            }
        }
        self.queueSurveys = queueSurveys
        var numbers: [String: NumberRoute] = [:]
        for number in record.numbers {
            var rules: InboundRuleSet?
            if let data = number.rules {
                do {
                    rules = try JSONDecoder().decode(InboundRuleSet.self, from: data)
                } catch {
                    problems.append("rules of \(number.number): \(error)")
                }
            }
            numbers[number.number] = NumberRoute(
                tenantID: record.id, numberID: number.id, number: number.number, outbound: number.outbound,
                rules: rules, flow: number.flowID.flatMap { flowsByStoreID[$0] })
        }
        self.numbers = numbers
        agentsByExtension = Dictionary(record.agents.map { ($0.extensionNumber, $0) }, uniquingKeysWith: { first, _ in first })
        agentsByID = Dictionary(record.agents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        agentsByWorkNumber = Dictionary(record.agents.map { ($0.workNumber, $0) }, uniquingKeysWith: { first, _ in first })
        queuesByName = Dictionary(record.queues.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        queuesByID = Dictionary(record.queues.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var queueHours: [String: BusinessHours] = [:]
        for queue in record.queues where !queue.businessHours.isEmpty && !alwaysOpen {
            let windows = queue.businessHours.compactMap { window -> WeeklyWindow? in
                guard let from = TimeOfDay(window.start), let to = TimeOfDay(window.end) else {
                    problems.append("hours of queue \(queue.name): \(window.start)-\(window.end) is not HH:MM-HH:MM")
                    return nil
                }
                return WeeklyWindow(days: window.days.compactMap { Weekday(name: $0) }, from: from, to: to)
            }
            queueHours[queue.id] = BusinessHours(weekly: windows)
        }
        self.queueHours = queueHours
        acdConfiguration = ACDConfigurationBuilder.configuration(for: record, offerTimeout: .seconds(offerTimeoutSeconds))
        self.problems = problems
    }
}
