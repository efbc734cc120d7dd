// Kefu's SIP stack against SIPp (Debian sip-tester) on loopback, over UDP and TCP.
//
// Test plan (issue 2, "interop"): OPTIONS answered with Allow/Accept/Supported/Server;
// REGISTER with digest (right password 200, wrong password and unknown user 403, expired
// nonce 401 stale=true then 200, un-register); kefu as UAS for INVITE-180-200-ACK-BYE;
// CANCEL before the answer (200 + 487 + ACK); 10 % packet loss on UDP still completes every
// call; the same over TCP. The stack runs in-process on a free port; SIPp runs bounded.

import SIP
import SIPStack
import SIPTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: SIPpProcess.isInstalled, "needs SIPp (Debian sip-tester)"))
struct SIPpInteropTests {
    static let transports: [SIPTransportProtocol] = [.udp, .tcp]

    private func transportArguments(_ transport: SIPTransportProtocol) -> [String] {
        transport == .tcp ? ["-t", "t1"] : ["-t", "u1"]
    }

    @Test("answers OPTIONS with 200 carrying Allow, Accept, Supported and a versionless Server", arguments: transports)
    func options(transport: SIPTransportProtocol) async throws {
        try await withRunningStack { _, port in
            let outcome = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sf", "{dir}/options.xml", "-s", "9999", "-m", "3"] + transportArguments(transport),
                files: ["options.xml": SIPpScenarios.options], timeLimit: .seconds(20)
            )
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(outcome.successfulCalls == 3, "\(outcome)")
        }
    }

    @Test("registers with the right password, shows the binding, and un-registers", arguments: transports)
    func registerAndUnregister(transport: SIPTransportProtocol) async throws {
        try await withRunningStack { userAgent, port in
            let csv = "SEQUENTIAL\n1001;[authentication username=1001 password=secret];\n"
            // The same local port both times: the phone un-registers the Contact it registered.
            let phonePort = LoopbackPort.free()
            let register = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sf", "{dir}/register.xml", "-inf", "{dir}/users.csv", "-m", "1"] + transportArguments(transport),
                files: ["register.xml": SIPpScenarios.register(expires: 120, finalStatus: 200), "users.csv": csv],
                localPort: phonePort, timeLimit: .seconds(20)
            )
            #expect(register.exitStatus == 0, "\(register)")
            let bindings = await userAgent.bindings(of: "1001")
            #expect(bindings.count == 1)
            #expect(bindings.first?.sourceTransport == transport)
            let unregister = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sf", "{dir}/register.xml", "-inf", "{dir}/users.csv", "-m", "1"] + transportArguments(transport),
                files: ["register.xml": SIPpScenarios.register(expires: 0, finalStatus: 200), "users.csv": csv],
                localPort: phonePort, timeLimit: .seconds(20)
            )
            #expect(unregister.exitStatus == 0, "\(unregister)")
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("answers a wrong password and an unknown user with the same 403, and registers nothing")
    func wrongCredentials() async throws {
        try await withRunningStack { userAgent, port in
            for credentials in ["1001;[authentication username=1001 password=wrong];", "7777;[authentication username=7777 password=secret];"] {
                let outcome = try await SIPpProcess.run(
                    ["127.0.0.1:\(port)", "-sf", "{dir}/register.xml", "-inf", "{dir}/users.csv", "-m", "1"],
                    files: ["register.xml": SIPpScenarios.register(expires: 120, finalStatus: 403), "users.csv": "SEQUENTIAL\n\(credentials)\n"],
                    timeLimit: .seconds(20)
                )
                #expect(outcome.exitStatus == 0, "\(outcome)")
            }
            #expect(await userAgent.bindings(of: "1001").isEmpty)
            #expect(await userAgent.bindings(of: "7777").isEmpty)
        }
    }

    @Test("answers an expired nonce with 401 stale=true, then registers with the fresh one")
    func staleNonce() async throws {
        let registrar = RegistrarConfiguration(realm: "kefu", nonceLifetime: 1, failureDelay: .milliseconds(50))
        try await withRunningStack(registrar: registrar) { userAgent, port in
            let outcome = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sf", "{dir}/stale.xml", "-inf", "{dir}/users.csv", "-m", "1"],
                files: ["stale.xml": SIPpScenarios.staleNonce(pauseMilliseconds: 2500),
                        "users.csv": "SEQUENTIAL\n1001;[authentication username=1001 password=secret];\n"],
                timeLimit: .seconds(30)
            )
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(await userAgent.bindings(of: "1001").isEmpty)
        }
    }

    @Test("completes INVITE-180-200-ACK-BYE to the built-in number", arguments: transports)
    func builtInNumber(transport: SIPTransportProtocol) async throws {
        try await withRunningStack { userAgent, port in
            let outcome = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sn", "uac", "-s", "9999", "-m", "20", "-r", "20"] + transportArguments(transport),
                timeLimit: .seconds(30)
            )
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(outcome.successfulCalls == 20, "\(outcome)")
            #expect(await userAgent.statistics().calls == 0)
        }
    }

    @Test("answers CANCEL before the answer with 200, the INVITE with 487, and absorbs the ACK", arguments: transports)
    func cancelBeforeAnswer(transport: SIPTransportProtocol) async throws {
        try await withRunningStack { userAgent, port in
            let outcome = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sf", "{dir}/cancel.xml", "-s", "8888", "-m", "5", "-r", "5"] + transportArguments(transport),
                files: ["cancel.xml": SIPpScenarios.cancel], timeLimit: .seconds(30)
            )
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(outcome.successfulCalls == 5, "\(outcome)")
            #expect(await userAgent.statistics().calls == 0)
        }
    }

    @Test("completes every call through retransmissions when SIPp loses 10 % of packets on UDP")
    func packetLoss() async throws {
        try await withRunningStack { _, port in
            let outcome = try await SIPpProcess.run(
                ["127.0.0.1:\(port)", "-sn", "uac", "-s", "9999", "-m", "40", "-r", "10", "-lost", "10"],
                timeLimit: .seconds(90)
            )
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(outcome.successfulCalls == 40, "\(outcome)")
            #expect(outcome.failedCalls == 0, "\(outcome)")
        }
    }
}
