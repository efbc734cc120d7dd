// Starting a real SIPUserAgent on a free loopback port for a test, and always stopping it.

import Logging
import SIP
import SIPStack
import SIPTesting

/// Runs `body` with a user agent listening on UDP and TCP 127.0.0.1:`port`, users
/// `1001:secret` and `1002:other` in realm `kefu`, and the built-in numbers.
func withRunningStack<T>(
    registrar: RegistrarConfiguration = RegistrarConfiguration(realm: "kefu", failureDelay: .milliseconds(50)),
    authenticatesInvites: Bool = false,
    deliversIncomingCalls: Bool = false,
    host: String = "127.0.0.1",
    timers: TransactionTimers = .default,
    credentials: any CredentialProvider = StaticCredentialProvider(realm: "kefu", passwords: ["1001": "secret", "1002": "other"]),
    _ body: (SIPUserAgent, Int) async throws -> T
) async throws -> T {
    // The port is free when asked for but another test running in parallel can take it before
    // the stack binds it: a bind that finds it taken tries a new port.
    var attempt = 0
    while true {
        attempt += 1
        let port = LoopbackPort.free()
        var logger = Logger(label: "test.sip")
        logger.logLevel = .critical
        let configuration = SIPUserAgentConfiguration(
            stack: SIPStackConfiguration(
                listenAddresses: [
                    SIPListenAddress(transport: .udp, host: host, port: port),
                    SIPListenAddress(transport: .tcp, host: host, port: port),
                ],
                timers: timers
            ),
            registrar: registrar,
            autoAnswer: .init(),
            deliversIncomingCalls: deliversIncomingCalls,
            authenticatesInvites: authenticatesInvites
        )
        let userAgent = SIPUserAgent(
            configuration: configuration,
            credentials: credentials,
            logger: logger
        )
        do {
            try await userAgent.start()
        } catch where attempt < 3 && "\(error)".contains("Address already in use") {
            await userAgent.shutdown()
            continue
        }
        do {
            let result = try await body(userAgent, port)
            await userAgent.shutdown()
            return result
        } catch {
            await userAgent.shutdown()
            throw error
        }
    }
}
