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

/// A tenant with one of everything, for tests that need real rows to point at.
struct SeededTenant: Sendable {
    let tenant: Tenant
    let skill: Skill
    let queue: Queue
    let prompt: Prompt
    let flow: Flow
    let flowVersion: FlowVersion
    let number: AccessNumber
    let site: Site
    let partner: Partner
    let team: Team
    let agent: Agent
    let user: User
    let customer: Customer
    let reason: NotReadyReason
    let cdr: CallDetailRecord
    let recording: Recording
    let apiKey: IssuedAPIKey
    let webhook: Webhook
    let sms: SMSMessage
    let mailbox: Mailbox
    let voicemail: Voicemail
    let callback: CallbackRequest

    var id: TenantID { tenant.id }

    /// Creates the tenant `code` with one object of every kind; `number` is its access number.
    static func make(_ store: Store, code: String, number: String, extensionNumber: String = "1001") async throws -> SeededTenant {
        let tenant = try await store.tenants.create(Fixtures.tenant(code))
        let t = tenant.id
        let skill = try await store.skills.create(t, SkillDefinition(name: "billing"))
        let prompt = try await store.prompts.create(t, PromptDefinition(name: "welcome"))
        _ = try await store.prompts.addVersion(t, prompt.id, source: .tts(text: "欢迎", voice: "zh"), createdBy: "test")
        let queue = try await store.queues.create(t, QueueDefinition(
            name: "service", skills: [QueueSkillRequirement(skillID: skill.id, minimumLevel: 2)]))
        let flow = try await store.flows.create(t, FlowDefinition(name: "main"))
        let flowVersion = try await store.flows.addVersion(t, flow.id, document: Fixtures.flowDocument, createdBy: "test")
        let accessNumber = try await store.accessNumbers.create(t, AccessNumberDefinition(number: number, flowID: flow.id))
        let site = try await store.organization.createSite(t, SiteDefinition(name: "hangzhou", region: "zj"))
        let partner = try await store.organization.createPartner(t, PartnerDefinition(name: "outsourcer", regions: ["zj"]))
        let team = try await store.organization.createTeam(t, TeamDefinition(name: "team-a", siteID: site.id, partnerID: partner.id))
        let agent = try await store.agents.create(t, AgentDefinition(
            workNumber: "A\(extensionNumber)", displayName: "Agent \(extensionNumber)", extensionNumber: extensionNumber,
            skills: [AgentSkill(skillID: skill.id, level: 5)], queues: [AgentQueueMembership(queueID: queue.id)],
            teamID: team.id, siteID: site.id, partnerID: partner.id), sipPassword: "secret-\(extensionNumber)")
        let user = try await store.users.create(.tenant(t), UserDefinition(
            username: "admin", displayName: "Admin", roles: [.tenantAdmin]), password: .plain("correct horse"))
        let customer = try await store.customers.create(t, CustomerDefinition(name: "VIP", vipTier: 2, numbers: ["13800000001"]))
        let reason = try await store.notReadyReasons.create(t, NotReadyReasonDefinition(code: "rest", name: "小休", maxDurationSeconds: 600))
        let recording = Recording(callID: "call-\(code)", path: "recordings/\(code)/1.wav", durationMilliseconds: 60_000,
                                  sizeBytes: 960_000, startedAt: Fixtures.time(10))
        let cdr = Fixtures.cdr(callID: "call-\(code)", agent: agent, queue: queue, recording: recording.id)
        try await store.callDetailRecords.append(t, cdr, recording: recording)
        let apiKey = try await store.apiKeys.create(t, name: "crm", scopes: ["cdr:read"])
        let webhook = try await store.webhooks.create(t, WebhookDefinition(url: "https://crm.example/hook", events: ["*"]))
        let sms = try await store.smsOutbox.enqueue(t, SMSDraft(to: "13800000001", body: "thanks", purpose: "hangup"))
        let mailbox = try await store.mailboxes.create(t, MailboxDefinition(
            name: "service", displayName: "Service", greetingPromptID: prompt.id, queueID: queue.id))
        let voicemail = try await store.mailboxes.leave(t, VoicemailDraft(
            mailboxID: mailbox.id, callID: "vm-\(code)", callerNumber: "13800000001", calledNumber: number,
            receivedAt: Fixtures.time(20), durationMilliseconds: 12_000, audioPath: "voicemail/\(code)/1.wav"))
        let callback = try await store.callbacks.request(t, CallbackDraft(queueID: queue.id, number: "13800000001", callID: "call-\(code)"))
        return SeededTenant(
            tenant: tenant, skill: skill, queue: queue, prompt: prompt, flow: flow, flowVersion: flowVersion,
            number: accessNumber, site: site, partner: partner, team: team, agent: agent, user: user, customer: customer,
            reason: reason, cdr: cdr, recording: recording, apiKey: apiKey, webhook: webhook, sms: sms,
            mailbox: mailbox, voicemail: voicemail, callback: callback)
    }
}

extension Fixtures {
    /// A placeholder flow document: the store does not know IVR's schema.
    static let flowDocument = JSONValue.object([
        "start": .string("welcome"),
        "nodes": .object(["welcome": .object(["play": .string("welcome"), "next": .string("queue")]),
                          "queue": .object(["enqueue": .string("service")])]),
    ])

    /// A fixed time `minutes` after a base instant.
    static func time(_ minutes: Double) -> Date {
        Date(timeIntervalSince1970: 1_790_000_000 + minutes * 60)
    }

    /// An answered call handled by `agent` in `queue`, with a caller leg and an agent leg.
    static func cdr(
        callID: String, agent: Agent, queue: Queue, recording: RecordingID? = nil, at minute: Double = 10,
        caller: String = "13800000001"
    ) -> CallDetailRecord {
        CallDetailRecord(
            callID: callID, callerNumber: caller, calledNumber: "4001234567", arrivedAt: time(minute),
            ivrStartedAt: time(minute), enqueuedAt: time(minute + 0.5), offeredAt: time(minute + 1),
            answeredAt: time(minute + 1.1), endedAt: time(minute + 5), queueID: queue.id, agentID: agent.id,
            agentWorkNumber: agent.workNumber, teamID: agent.teamID, hungUpBy: .caller, disposition: .answered,
            surveyScore: 9, recordingID: recording, diversions: [DiversionEntry(number: "01088886666", reason: "busy", source: .diversion)],
            callData: ["menu": "1"],
            legs: [
                CallLeg(sequence: 1, kind: .customer, number: caller, startedAt: time(minute), answeredAt: time(minute),
                        endedAt: time(minute + 5), outcome: .answered),
                CallLeg(sequence: 2, kind: .agent, agentID: agent.id, startedAt: time(minute + 1),
                        answeredAt: time(minute + 1.1), endedAt: time(minute + 5), outcome: .answered, holdCount: 1,
                        holdMilliseconds: 15_000),
            ])
    }
}
