// Call control end to end, driven through kefu's HTTP API as the call bar and the supervisor
// board drive it: hold with music, consult then conference with three parties hearing each
// other, survey push with the score on the CDR, a failed consultation kept as a CDR leg,
// supervisor listen, intercept and force release (audited).
//
// Real peers only: `kefu serve` on free loopback ports, SIPp phones and callers whose RTP
// probes each send their own tone (caller 1000 Hz, 1001 1400 Hz, 1002 1800 Hz, 1003 2200 Hz).

import Foundation
import SIPTesting
import Store
import Testing

extension TestTenant {
    /// Every call straight into the service queue; the supervisor user's phone is extension
    /// 1003 (registered, not signed in, so the queue never offers it calls).
    static func callControl() throws -> TestTenant {
        var tenant = try TestTenant.Variant.straightToQueue.tenant()
        try tenant.replace("password: demo-supervisor, teams: [team-1] }", with: "password: demo-supervisor, teams: [team-1], agent: \"1003\" }")
        return tenant
    }
}

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: EndToEndRun.canRun, "needs sipp and a built kefu (swift build --build-tests)"))
struct CallControlTests {
    /// Runs `body` with kefu (API on a free port), agent 1001 signed in (its phone answering
    /// as `agent` says), and a caller talking to 1001.
    /// With `answerFromCallBar` nobody touches 1001's phone: the call bar's answer button
    /// connects the offer (re-offered with auto-answer).
    func withCallToAgent1001(
        tenant: TestTenant? = nil, caller behaviour: SIPpCaller.Behaviour, agent: SIPpAgent.Behaviour = .answer, phones: [String] = [],
        answerFromCallBar: Bool = false, _ body: (EndToEndRun, KefuAPI, String, SIPpCaller, [String: SIPpAgent]) async throws -> Void
    ) async throws {
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: try tenant ?? TestTenant.callControl(), kefuArguments: ["--http-port", String(httpPort)]) { run in
            var agents: [String: SIPpAgent] = ["1001": try await run.agent("1001", answerFromCallBar ? .answerOnlyAutoAnswer : agent)]
            for number in phones {
                let phone = try await run.agent(number, signIn: false)
                try await phone.register()
                agents[number] = phone
            }
            let api = try await KefuAPI.login(port: httpPort, username: "agent1001", password: "demo-agent")
            let caller = try run.call(from: "13800000001", behaviour)
            if answerFromCallBar {
                let offered = try #require(try await api.liveCall(phase: "queued"), "the offer never showed on 1001's call bar\n\(run.diagnostics)")
                #expect(caller.probe.statistics.audio.count(of: Tones.agent("1001")) == 0, "connected before the answer button")
                let answered = try await api.post("/api/v1/calls/\(offered)/answer")
                #expect(answered.status == 200, "\(answered)")
            }
            let heard = await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1001")) >= Tones.heard }
            #expect(heard, "the caller did not reach agent 1001\n\(run.diagnostics)")
            let callID = try #require(try await api.liveCall(), "agent 1001 sees no talking call\n\(run.diagnostics)")
            try await body(run, api, callID, caller, agents)
        }
    }

    @Test("hold plays music to the caller; mute silences the agent for the caller only; a consultation is cancelled, then another becomes a conference where all three hear each other; the agent leaves it to the consulted party")
    func holdConsultConference() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(60)), phones: ["1002", "1003"]) { run, api, callID, caller, agents in
            let agent1001 = try #require(agents["1001"]), agent1002 = try #require(agents["1002"])
            let hold = try await api.post("/api/v1/calls/\(callID)/hold")
            #expect(hold.status == 200 && hold.call["phase"] as? String == "held", "\(hold)")
            let before = caller.probe.statistics.audio
            // Music: a second of loud audio that is not the agent's voice.
            let music = await caller.probe.wait(timeout: .seconds(10)) {
                $0.audio.loud - before.loud >= Tones.heard * 2
            }
            let during = caller.probe.statistics.audio
            #expect(music, "the caller heard no music on hold: \(during)")
            #expect(during.count(of: Tones.agent("1001")) - before.count(of: Tones.agent("1001")) < Tones.heard / 2,
                    "the caller heard the agent while on hold: \(during)")
            #expect(try await api.post("/api/v1/calls/\(callID)/hold").status == 409, "holding twice is a conflict")
            #expect(try await api.post("/api/v1/calls/\(callID)/resume").status == 200)
            #expect(try await api.post("/api/v1/calls/\(callID)/resume").status == 409, "resuming a call not on hold is a conflict")

            // Mute: the caller stops hearing the agent while the agent still hears the caller.
            #expect(try await api.post("/api/v1/calls/\(callID)/mute").status == 200)
            let (mutedCaller, mutedAgent) = (caller.probe.statistics.audio, agent1001.probe.statistics.audio)
            try await Task.sleep(for: .seconds(2))
            let agentHeardWhileMuted = caller.probe.statistics.audio.count(of: Tones.agent("1001")) - mutedCaller.count(of: Tones.agent("1001"))
            #expect(agentHeardWhileMuted < Tones.heard / 2, "the caller heard the muted agent for \(agentHeardWhileMuted) blocks")
            #expect(agent1001.probe.statistics.audio.count(of: Tones.caller) - mutedAgent.count(of: Tones.caller) >= Tones.heard,
                    "the muted agent no longer hears the caller")
            #expect(try await api.post("/api/v1/calls/\(callID)/unmute").status == 200)
            let unmuted = caller.probe.statistics.audio.count(of: Tones.agent("1001"))
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1001")) - unmuted >= Tones.heard },
                    "the caller does not hear the agent after unmute")

            // A consultation with 1003, cancelled: back with the caller. (Each SIPp phone's probe
            // answers one leg for its whole life, so the second consultation goes to another phone.)
            #expect(try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "agent", "value": "1003"]]).status == 200)
            #expect(await agent1001.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1003")) >= Tones.heard / 2 },
                    "the consultation never connected 1003")
            let cancel = try await api.post("/api/v1/calls/\(callID)/consult/cancel")
            #expect(cancel.status == 200 && cancel.call["phase"] as? String == "talking", "\(cancel)")
            let back = caller.probe.statistics.audio.count(of: Tones.agent("1001"))
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1001")) - back >= Tones.heard },
                    "the caller is not back with the agent after the cancelled consultation")

            let consult = try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "agent", "value": "1002"]])
            #expect(consult.status == 200 && consult.call["phase"] as? String == "consulting", "\(consult)")
            let talking = await agent1001.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard }
            #expect(talking, "agent 1001 did not hear 1002 in the consultation: \(agent1001.probe.statistics)\n\(run.diagnostics)")
            let conference = try await api.post("/api/v1/calls/\(callID)/consult/conference")
            #expect(conference.status == 200 && conference.call["phase"] as? String == "conference", "\(conference)")

            let (callerBase, firstBase, secondBase) = (caller.probe.statistics.audio, agent1001.probe.statistics.audio, agent1002.probe.statistics.audio)
            func grew(_ probe: RTPProbe, _ base: ToneAnalysis.BlockCounts, _ tones: [Int]) async -> Bool {
                await probe.wait(timeout: .seconds(15)) { now in
                    tones.allSatisfy { now.audio.presence(of: $0) - base.presence(of: $0) >= Tones.heard }
                }
            }
            #expect(await grew(caller.probe, callerBase, [Tones.agent("1001"), Tones.agent("1002")]), "caller: \(caller.probe.statistics)")
            #expect(await grew(agent1001.probe, firstBase, [Tones.caller, Tones.agent("1002")]), "1001: \(agent1001.probe.statistics)")
            #expect(await grew(agent1002.probe, secondBase, [Tones.caller, Tones.agent("1001")]), "1002: \(agent1002.probe.statistics)")

            // The agent leaves the conference: 1002 stays with the caller; a supervisor ends it.
            let left = try await api.post("/api/v1/calls/\(callID)/hangup")
            #expect(left.status == 200 && left.call["phase"] as? String == "talking", "\(left)")
            let alone = caller.probe.statistics.audio.count(of: Tones.agent("1002"))
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1002")) - alone >= Tones.heard },
                    "the caller is not left talking with 1002")
            let supervisor = try await KefuAPI.login(port: api.port, username: "supervisor", password: "demo-supervisor")
            #expect(try await supervisor.post("/api/v1/calls/\(callID)/release").status == 200)
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.successfulCalls == 1, "\(outcome)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                let consulted = try await records.agent(extension: "1002").id
                #expect(cdr.legs.contains { $0.kind == .consult && $0.agentID == consulted && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(cdr.legs.filter { $0.kind == .consult }.count == 2, "the cancelled consultation is a leg too: \(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .agent && $0.holdCount >= 1 }, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .supervisor, "\(cdr.summary)")
            }
        }
    }

    @Test("the call bar's answer button connects an untouched phone; a consultation to an unregistered phone stays a failed CDR leg; a completed one hands the caller over; the pushed survey's key becomes the CDR's score")
    func answerFailedConsultSurvey() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(60)), phones: ["1002"], answerFromCallBar: true) { run, api, callID, caller, agents in
            let consult = try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "agent", "value": "1003"]])
            #expect(consult.status == 200, "\(consult)")
            // The attempt fails at once (1003 has no registration): the agent is back with the caller.
            var phase = ""
            for _ in 0..<50 where phase != "talking" {
                let items = try await api.get("/api/v1/calls").json["items"] as? [[String: Any]] ?? []
                phase = items.first?["phase"] as? String ?? ""
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(phase == "talking", "after the failed consultation the call is \(phase)")

            // A consultation with 1002 completed: 1002 takes the caller over, 1001 is off the call.
            #expect(try await api.post("/api/v1/calls/\(callID)/consult", ["target": ["kind": "agent", "value": "1002"]]).status == 200)
            let agent1001 = try #require(agents["1001"])
            #expect(await agent1001.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard / 2 },
                    "the consultation never connected 1002")
            let complete = try await api.post("/api/v1/calls/\(callID)/consult/complete")
            #expect(complete.status == 200 && complete.call["phase"] as? String == "talking", "\(complete)")
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.count(of: Tones.agent("1002")) >= Tones.heard },
                    "the caller does not hear 1002 after the completed consultation")
            #expect(try await api.post("/api/v1/calls/\(callID)/hold").status == 403, "1001 left the call")

            let supervisor = try await KefuAPI.login(port: api.port, username: "supervisor", password: "demo-supervisor")
            let survey = try await supervisor.post("/api/v1/calls/\(callID)/survey")
            #expect(survey.status == 200, "\(survey)")
            let before = caller.probe.statistics.audio.loud
            #expect(await caller.probe.wait(timeout: .seconds(20)) { $0.audio.loud - before >= 25 }, "the caller heard no survey question")
            #expect(await caller.press("4"))
            let outcome = await caller.finish(timeout: .seconds(40))
            #expect(outcome.successfulCalls == 1, "the caller was not hung up after the survey: \(outcome)\n\(run.diagnostics)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                #expect(cdr.surveyScore == 4, "\(cdr.summary)")
                #expect(cdr.hungUpBy == .agent, "\(cdr.summary)")
                let unreachable = try await records.agent(extension: "1003").id
                #expect(cdr.legs.contains { $0.kind == .consult && $0.agentID == unreachable && $0.outcome == .failed }, "\(cdr.summary)")
                #expect(cdr.legs.filter { $0.kind == .agent }.map(\.outcome) == [.cancelled, .answered], "the offer, then its auto-answer re-offer: \(cdr.summary)")
                let second = try await records.agent(extension: "1002").id
                #expect(cdr.legs.contains { $0.kind == .consult && $0.agentID == second && $0.outcome == .answered }, "\(cdr.summary)")
            }
        }
    }

    @Test("transfers: to another queue reaches its agent, to an external number goes through the trunk, to an IVR node (转自动) runs the flow from there; each is a CDR leg")
    func transferQueueExternalIVR() async throws {
        let farEnd = Tones.farEnd
        let gatewayPort = LoopbackPort.free()
        var tenant = try TestTenant.callControl()
        try tenant.replace("addresses: [\"127.0.0.1:5080\"]", with: "addresses: [\"127.0.0.1:\(gatewayPort)\"]")
        try await withCallToAgent1001(tenant: tenant, caller: .waitsForBye(atMost: .seconds(60))) { run, api, callID, caller, _ in
                _ = try run.gateway(port: gatewayPort)
            _ = try await run.agent("1003")
            let bad = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "queue", "value": "nowhere"]])
            #expect(bad.status == 422, "\(bad)")
            let toQueue = try await api.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "queue", "value": "complaints"]])
            #expect(toQueue.status == 200, "\(toQueue)")
            let base = caller.probe.statistics.audio.count(of: Tones.agent("1003"))
            let reached = await caller.probe.wait(timeout: .seconds(25)) { $0.audio.count(of: Tones.agent("1003")) - base >= Tones.heard }
            #expect(reached, "the caller never reached 1003 in the complaints queue\n\(run.diagnostics)")
            #expect(try await api.post("/api/v1/calls/\(callID)/hold").status == 403, "1001 is no longer on the call")

            let supervisor = try await KefuAPI.login(port: api.port, username: "supervisor", password: "demo-supervisor")
            let toExternal = try await supervisor.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "external", "value": "13900000009"]])
            #expect(toExternal.status == 200, "\(toExternal)")
            let heardFarEnd = await caller.probe.wait(timeout: .seconds(20)) { $0.audio.count(of: farEnd) >= Tones.heard }
            #expect(heardFarEnd, "the caller never heard the external party\n\(run.diagnostics)")

            let toIVR = try await supervisor.post("/api/v1/calls/\(callID)/transfer", ["target": ["kind": "ivr", "value": "e2e-queue#goodbye"]])
            #expect(toIVR.status == 200, "\(toIVR)")
            // The flow's start would queue the caller again; its `goodbye` node hangs up.
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.successfulCalls == 1, "the flow entered at `goodbye` did not hang up: \(outcome)\n\(run.diagnostics)")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                let numbers = cdr.legs.filter { $0.kind == .transfer }.compactMap(\.number)
                #expect(numbers == ["queue:complaints", "13900000009", "ivr:e2e-queue#goodbye"], "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .transfer && $0.number == "13900000009" && $0.outcome == .answered }, "\(cdr.summary)")
                let third = try await records.agent(extension: "1003").id
                #expect(cdr.legs.contains { $0.kind == .agent && $0.agentID == third && $0.outcome == .answered }, "\(cdr.summary)")
            }
        }
    }

    @Test("a supervisor listens unheard, whispers to the agent only, barges in, intercepts the caller, then force-releases the call; every step is audited")
    func superviseInterceptRelease() async throws {
        try await withCallToAgent1001(caller: .waitsForBye(atMost: .seconds(60)), phones: ["1003"]) { run, api, callID, caller, agents in
            let supervisorPhone = try #require(agents["1003"])
            let supervisor = try await KefuAPI.login(port: api.port, username: "supervisor", password: "demo-supervisor")
            #expect(try await api.post("/api/v1/calls/\(callID)/release").status == 403, "an agent may not force-release")

            let listen = try await supervisor.post("/api/v1/calls/\(callID)/supervise", ["mode": "listen"])
            #expect(listen.status == 200, "\(listen)")
            let hearsBoth = await supervisorPhone.probe.wait(timeout: .seconds(20)) {
                $0.audio.presence(of: Tones.caller) >= Tones.heard && $0.audio.presence(of: Tones.agent("1001")) >= Tones.heard
            }
            #expect(hearsBoth, "the supervisor does not hear caller and agent: \(supervisorPhone.probe.statistics)\n\(run.diagnostics)")
            #expect(caller.probe.statistics.audio.presence(of: Tones.agent("1003")) < Tones.heard / 2, "the caller heard the listening supervisor")

            let agent1001 = try #require(agents["1001"])
            let whisper = try await supervisor.post("/api/v1/calls/\(callID)/supervise", ["mode": "whisper"])
            #expect(whisper.status == 200 && whisper.call["supervision_mode"] as? String == "whisper", "\(whisper)")
            let (agentBase, callerBase) = (agent1001.probe.statistics.audio, caller.probe.statistics.audio)
            let whispered = await agent1001.probe.wait(timeout: .seconds(10)) {
                $0.audio.presence(of: Tones.agent("1003")) - agentBase.presence(of: Tones.agent("1003")) >= Tones.heard
            }
            #expect(whispered, "the agent does not hear the whispering supervisor: \(agent1001.probe.statistics)")
            #expect(caller.probe.statistics.audio.presence(of: Tones.agent("1003")) - callerBase.presence(of: Tones.agent("1003")) < Tones.heard / 2,
                    "the caller heard the whisper")
            #expect(try await supervisor.post("/api/v1/calls/\(callID)/supervise", ["mode": "barge"]).status == 200)
            let bargeBase = caller.probe.statistics.audio.presence(of: Tones.agent("1003"))
            #expect(await caller.probe.wait(timeout: .seconds(10)) { $0.audio.presence(of: Tones.agent("1003")) - bargeBase >= Tones.heard },
                    "the caller does not hear the supervisor who barged in")

            let intercept = try await supervisor.post("/api/v1/calls/\(callID)/intercept")
            #expect(intercept.status == 200, "\(intercept)")
            let base = caller.probe.statistics.audio
            let takenOver = await caller.probe.wait(timeout: .seconds(15)) {
                $0.audio.count(of: Tones.agent("1003")) - base.count(of: Tones.agent("1003")) >= Tones.heard
            }
            #expect(takenOver, "the caller does not hear the supervisor after the intercept: \(caller.probe.statistics)")

            let release = try await supervisor.post("/api/v1/calls/\(callID)/release")
            #expect(release.status == 200, "\(release)")
            let outcome = await caller.finish(timeout: .seconds(20))
            #expect(outcome.successfulCalls == 1, "the caller got no BYE: \(outcome)")
            #expect(try await supervisor.post("/api/v1/calls/\(callID)/hold").status == 404, "the released call is gone")
            await run.stopKefu()
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                #expect(cdr.hungUpBy == .supervisor, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .supervisor && $0.outcome == .answered }, "\(cdr.summary)")
                let audited = try await records.store.auditLog.list(
                    .tenant(records.tenant.id), from: Date().addingTimeInterval(-600), to: Date().addingTimeInterval(60))
                let actions = Set(audited.filter { $0.objectID == callID }.map(\.action))
                #expect(actions.isSuperset(of: ["call.supervise.listen", "call.supervise.whisper", "call.supervise.barge", "call.intercept", "call.release"]),
                        "\(actions)")
            }
        }
    }

    @Test("click-to-dial rings the agent's phone, then the number through the trunk presenting the chosen outbound-enabled number; an inbound-only number is refused")
    func clickToDial() async throws {
        let farEnd = Tones.farEnd
        let gatewayPort = LoopbackPort.free()
        var tenant = try TestTenant.callControl()
        try tenant.replace("addresses: [\"127.0.0.1:5080\"]", with: "addresses: [\"127.0.0.1:\(gatewayPort)\"]")
        try tenant.replace("    agents:\n      - work_number: \"1001\"", with: """
                  - { number: "02150001234", purpose: outbound, carrier: China Telecom, inbound: false, outbound: true }

                agents:
                  - work_number: "1001"
            """)
        let httpPort = LoopbackPort.free()
        try await EndToEndRun.with(tenant: tenant, kefuArguments: ["--http-port", String(httpPort)]) { run in
            let gateway = try run.gateway(port: gatewayPort)
            let agent = try await run.agent("1001")
            let api = try await KefuAPI.login(port: httpPort, username: "agent1001", password: "demo-agent")
            let refused = try await api.post("/api/v1/calls", ["destination": "13900000009", "callerID": TestTenant.accessNumber])
            #expect(refused.status == 422 && (refused.json["error"] as? [String: Any])?["field"] as? String == "callerID", "\(refused)")
            let placed = try await api.post("/api/v1/calls", ["destination": "13900000009", "callerID": "02150001234"])
            #expect(placed.status == 200 && placed.call["direction"] as? String == "outbound", "\(placed)")
            let callID = try #require(placed.call["call_id"] as? String)
            let talking = await agent.probe.wait(timeout: .seconds(30)) { $0.audio.count(of: farEnd) >= Tones.heard }
            #expect(talking, "the agent never heard the called party\n\(run.diagnostics)")
            #expect(gateway.probe.statistics.audio.count(of: Tones.agent("1001")) >= Tones.heard, "the called party never heard the agent")
            #expect(try await api.post("/api/v1/calls/\(callID)/hangup").status == 200)
            await run.stopKefu()
            // SIPp writes its message trace buffered: read it once the gateway has stopped.
            _ = await gateway.stop()
            let trace = (try? String(contentsOfFile: gateway.phone.directory + "/messages.log", encoding: .utf8)) ?? ""
            #expect(trace.contains("From: <sip:02150001234@"), "the trunk INVITE does not present the chosen number")
            try await run.records { records in
                let cdr = try #require(try await records.calls().first)
                #expect(cdr.direction == .outbound && cdr.calledNumber == "13900000009" && cdr.callerNumber == "02150001234", "\(cdr.summary)")
                #expect(cdr.disposition == .answered && cdr.hungUpBy == .agent, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .external && $0.outcome == .answered }, "\(cdr.summary)")
                #expect(cdr.legs.contains { $0.kind == .agent && $0.outcome == .answered }, "\(cdr.summary)")
            }
        }
    }
}
