// Checking a request's digest credentials for the registrar and the UAS, with throttling.

import Logging
import NIOCore
import SIP

/// Checks `Authorization` (or `Proxy-Authorization`) on requests, on the stack's event loop.
///
/// Nonces are signed and carry their issue time (``DigestNonceIssuer``), so nothing is stored
/// per challenge; nonce counts are tracked to refuse replays (``DigestReplayGuard``). A wrong
/// user and a wrong password give the same outcome, after the same delay; a source that fails
/// or is challenged too often is blocked for a while (``RegistrationThrottle``) and gets that
/// same outcome, without a challenge and without its credentials being checked.
final class DigestAuthenticator {
    /// What the check found.
    enum Outcome {
        /// The credentials are right; the authenticated user name.
        case authenticated(String)
        /// Send this challenge (`401`/`407`): no credentials, an unknown or replayed nonce, or
        /// `stale=true` for an expired one.
        case challenge(DigestChallenge)
        /// Wrong user, wrong password, or a blocked source: answer `403`.
        case forbidden
    }

    /// The settings of an authenticator.
    struct Configuration {
        var realm: String
        var realmFromDomain: Bool
        var nonceLifetime: UInt64
        var failureDelay: Duration
        var throttle: RegistrationThrottle
    }

    let realm: String
    let realmFromDomain: Bool
    private let issuer: DigestNonceIssuer
    private var replayGuard = DigestReplayGuard()
    private(set) var throttle: RegistrationThrottle
    private let provider: any CredentialProvider
    private let failureDelay: Duration
    private let eventLoop: any EventLoop
    private let logger: Logger
    private var random: FastRandom
    /// Sources with a credential check under way, and the checks waiting behind it: one at a
    /// time per source, so a burst of guesses cannot all be checked before the first failures
    /// count (and block the source).
    private var checking: [String: [() -> Void]] = [:]
    /// The most checks that may wait behind one source's check; more are refused.
    static let maxWaitingChecks = 64
    /// Set when the stack stops: outcomes still under way (a lookup, a delayed 403) are
    /// dropped, since their transactions are gone.
    private var isStopped = false

    init(configuration: Configuration, provider: any CredentialProvider, eventLoop: any EventLoop, logger: Logger) {
        var system = SystemRandomNumberGenerator()
        var secret: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: system.next()) { secret.append(contentsOf: $0) } }
        self.realm = configuration.realm
        self.realmFromDomain = configuration.realmFromDomain
        self.issuer = DigestNonceIssuer(secret: secret, realm: configuration.realm, lifetime: configuration.nonceLifetime)
        self.throttle = configuration.throttle
        self.provider = provider
        self.failureDelay = configuration.failureDelay
        self.eventLoop = eventLoop
        self.logger = logger
        self.random = FastRandom(seed: system.next())
    }

    /// Seconds on the monotonic clock, the time base of nonces and the throttle.
    var now: UInt64 { eventLoop.now.uptimeNanoseconds / 1_000_000_000 }

    /// The realm `request` authenticates in: its domain (the To of a REGISTER, the From of
    /// other requests) when realms follow domains and the domain is a name, else the
    /// configured realm.
    func realm(for request: SIPRequest) -> String {
        guard realmFromDomain else { return realm }
        let address = request.method == .register ? try? request.headers.to : try? request.headers.from
        guard let host = address?.uri.sipURI?.host.lowercased(), !host.isEmpty, host != "localhost",
              !host.contains(":"), !host.allSatisfy({ $0.isNumber || $0 == "." })
        else { return realm }
        return host
    }

    /// A fresh challenge for `realm`.
    func makeChallenge(realm: String, stale: Bool = false) -> DigestChallenge {
        DigestChallenge(realm: realm, nonce: issuer.makeNonce(now: now, using: &random), algorithm: .md5, qop: ["auth"], stale: stale)
    }

    /// Checks `request`'s credentials from `sourceIP`; `completion` runs on the event loop.
    func authenticate(_ request: SIPRequest, sourceIP: String, header: SIPHeaderName = .authorization, completion: @escaping (Outcome) -> Void) {
        let now = self.now
        let realm = self.realm(for: request)
        // A blocked source is not challenged either: it learns nothing until the cooldown ends.
        if throttle.isBlocked(sourceIP, now: now) {
            delayed(.forbidden, completion)
            return
        }
        let values = request.headers.values(for: header)
        guard !values.isEmpty else {
            challenge(realm: realm, sourceIP: sourceIP, completion)
            return
        }
        var parsed: DigestCredentials?
        for value in values {
            if let credentials = try? DigestCredentials(value), credentials.realm == realm {
                parsed = credentials
                break
            }
        }
        guard let credentials = parsed else {
            challenge(realm: realm, sourceIP: sourceIP, completion)
            return
        }
        let issuedAt: UInt64
        let isExpired: Bool
        switch issuer.check(credentials.nonce, now: now) {
        case .invalid:
            challenge(realm: realm, sourceIP: sourceIP, completion)
            return
        case .expired(let time):
            issuedAt = time
            isExpired = true
        case .fresh(let time):
            issuedAt = time
            isExpired = false
        }
        if checking[sourceIP] != nil {
            guard checking[sourceIP, default: []].count < Self.maxWaitingChecks else {
                delayed(.forbidden, completion)
                return
            }
            checking[sourceIP, default: []].append { [self] in authenticate(request, sourceIP: sourceIP, header: header, completion: completion) }
            return
        }
        checking[sourceIP] = []
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let completionBox = NIOLoopBound(completion, eventLoop: eventLoop)
        let provider = self.provider
        let method = request.method.rawValue
        let eventLoop = self.eventLoop
        Task {
            let ha1 = await provider.ha1(username: credentials.username, realm: credentials.realm, algorithm: credentials.algorithm)
            eventLoop.execute {
                let authenticator = bound.value
                guard !authenticator.isStopped else { return }
                authenticator.finish(credentials, ha1: ha1, method: method, issuedAt: issuedAt, isExpired: isExpired, sourceIP: sourceIP, completion: completionBox.value)
                authenticator.resumeChecks(of: sourceIP)
            }
        }
    }

    private func finish(
        _ credentials: DigestCredentials, ha1: String?, method: String, issuedAt: UInt64, isExpired: Bool,
        sourceIP: String, completion: @escaping (Outcome) -> Void
    ) {
        // Compute the digest even for an unknown user, so both cases cost the same.
        let verified = DigestComputation.verify(credentials, method: method, ha1: ha1 ?? String(repeating: "0", count: 32))
        guard let _ = ha1, verified else {
            let blocked = throttle.recordFailure(sourceIP, now: now)
            logger.notice("digest authentication failed", metadata: [
                "user": "\(credentials.username)", "source": "\(sourceIP)", "blocked": "\(blocked)",
            ])
            delayed(.forbidden, completion)
            return
        }
        if isExpired {
            // Right password, old nonce: retry with a fresh one, no prompt (RFC 2617 §3.2.1).
            completion(.challenge(makeChallenge(realm: credentials.realm, stale: true)))
            return
        }
        if credentials.qop != nil {
            guard replayGuard.accept(nonce: credentials.nonce, count: credentials.nonceCount ?? 0, issuedAt: issuedAt) else {
                completion(.challenge(makeChallenge(realm: credentials.realm)))
                return
            }
        }
        throttle.recordSuccess(sourceIP, nonce: credentials.nonce)
        completion(.authenticated(credentials.username))
    }

    /// Runs the checks that waited for `sourceIP`'s last one, now that its outcome counts.
    private func resumeChecks(of sourceIP: String) {
        let waiting = checking.removeValue(forKey: sourceIP) ?? []
        for check in waiting { check() }
    }

    /// Challenges `sourceIP`, unless that was one challenge too many (an extension scan).
    private func challenge(realm: String, sourceIP: String, _ completion: @escaping (Outcome) -> Void) {
        let challenge = makeChallenge(realm: realm)
        if throttle.recordChallenge(sourceIP, nonce: challenge.nonce, now: now) {
            logger.notice("too many unanswered challenges; source blocked", metadata: ["source": "\(sourceIP)"])
            delayed(.forbidden, completion)
            return
        }
        completion(.challenge(challenge))
    }

    private func delayed(_ outcome: Outcome, _ completion: @escaping (Outcome) -> Void) {
        guard failureDelay > .zero else {
            completion(outcome)
            return
        }
        eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(failureDelay)) { [self] in
            if !isStopped { completion(outcome) }
        }
    }

    /// Drops every outcome still under way; called when the stack stops.
    func stop() {
        isStopped = true
        checking = [:]
    }

    /// Drops replay records of nonces that have expired anyway (called periodically).
    func prune() {
        let now = self.now
        replayGuard.removeNonces(issuedBefore: now > issuer.lifetime * 2 ? now - issuer.lifetime * 2 : 0)
        throttle.prune(now: now)
    }
}

@available(*, unavailable)
extension DigestAuthenticator: Sendable {}
