// Sends the OPTIONS pings the keep-alive schedule asks for and reports phones that stop (or
// start again) answering, so the call path takes them out of routing at once.

import Logging
import SIP
import SIPStack
import Synchronization

/// The agent phone keep-alive: follows registrations, pings each registered contact every
/// interval (spread over it), and calls back when a phone dies or comes back.
final class PhoneKeepAlive: Sendable {
    /// Where a ping goes.
    struct Target: Sendable {
        var uri: SIPURI
        var destination: SIPDestination?
    }

    let settings: KeepAliveSettings
    private let schedule: Mutex<KeepAliveSchedule<Target>>
    private let origin = ContinuousClock.now
    private let logger: Logger

    init(settings: KeepAliveSettings, logger: Logger) {
        self.settings = settings
        self.schedule = Mutex(KeepAliveSchedule(settings: settings))
        self.logger = logger
    }

    /// The phone key of a binding.
    static func phone(_ binding: RegistrarBinding) -> KeepAlivePhone {
        KeepAlivePhone(user: binding.user, realm: binding.realm, contact: binding.contact.uri.description)
    }

    /// Whether the binding's phone answers its pings (or has not been judged yet).
    func isAlive(_ binding: RegistrarBinding) -> Bool {
        let phone = Self.phone(binding)
        return schedule.withLock { $0.isAlive(phone) }
    }

    /// How many registered phones are out of routing for not answering.
    var deadCount: Int { schedule.withLock { $0.deadCount } }

    /// Takes a registration change; returns true when it brought a dead phone back.
    func follow(_ change: RegistrarBindingChange) -> Bool {
        let phone = Self.phone(change.binding)
        let now = elapsed
        switch change {
        case .added(let binding), .refreshed(let binding):
            guard let target = AgentDialer.target(of: binding) else { return false }
            return schedule.withLock { $0.registered(phone, target: Target(uri: target.uri, destination: target.destination), at: now) }
        case .removed, .expired:
            schedule.withLock { $0.unregistered(phone) }
            return false
        }
    }

    /// Pings until cancelled; `changed` runs (one at a time) for each phone that died or came
    /// back, with the user and realm of its registration.
    func run(userAgent: SIPUserAgent, changed: @escaping @Sendable (KeepAlivePhone, _ alive: Bool) async -> Void) async {
        guard settings.isOn else { return }
        let (outcomes, continuation) = AsyncStream<(KeepAlivePhone, Bool)>.makeStream()
        let reporter = Task {
            for await (phone, alive) in outcomes { await changed(phone, alive) }
        }
        defer {
            continuation.finish()
            reporter.cancel()
        }
        let tick = max(.milliseconds(20), min(.milliseconds(250), settings.interval / 20))
        while !Task.isCancelled {
            let pings = schedule.withLock { $0.due(at: elapsed) }
            for ping in pings { send(ping, userAgent: userAgent, report: continuation) }
            try? await Task.sleep(for: tick)
        }
    }

    /// Sends one ping: the first of "a response came" and "the timeout passed" settles it.
    /// The OPTIONS itself runs unstructured, since its transaction may outlive the timeout
    /// (Timer F) and must not hold up shutdown.
    private func send(_ ping: KeepAliveSchedule<Target>.Ping, userAgent: SIPUserAgent, report: AsyncStream<(KeepAlivePhone, Bool)>.Continuation) {
        let timeout = settings.timeout
        Task {
            let answered = (try? await userAgent.options(ping.target.uri, destination: ping.target.destination)) != nil
            self.settle(ping, answered: answered, report: report)
        }
        Task {
            try? await Task.sleep(for: timeout)
            self.settle(ping, answered: false, report: report)
        }
    }

    private func settle(_ ping: KeepAliveSchedule<Target>.Ping, answered: Bool, report: AsyncStream<(KeepAlivePhone, Bool)>.Continuation) {
        let now = elapsed
        let flipped = schedule.withLock { answered ? $0.answered(ping, at: now) : $0.missed(ping, at: now) }
        guard flipped else { return }
        let metadata: Logger.Metadata = ["user": "\(ping.phone.user)", "realm": "\(ping.phone.realm)", "contact": "\(ping.phone.contact)"]
        if answered {
            logger.notice("phone answers OPTIONS again", metadata: metadata)
        } else {
            logger.warning("phone stopped answering OPTIONS", metadata: metadata)
        }
        report.yield((ping.phone, answered))
    }

    private var elapsed: Duration { ContinuousClock.now - origin }
}
