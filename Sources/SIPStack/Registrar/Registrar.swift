// The registrar (RFC 3261 §10.3): authenticated REGISTER, bindings with expiry, lookups.

import Logging
import NIOCore
import SIP

/// Keeps users' contact bindings in memory, on the stack's event loop.
///
/// REGISTER is authenticated with digest against the ``CredentialProvider``; the To user must
/// be the authenticated user. Contacts are added, refreshed, removed (`Expires: 0`) or all
/// removed (`*`); expiry is clamped to the configured bounds (`423` below the minimum). Every
/// change is reported through ``onChange``; a sweep each second expires old bindings.
final class Registrar {
    let configuration: RegistrarConfiguration
    let authenticator: DigestAuthenticator
    private(set) var bindings: [String: [RegistrarBinding]] = [:]
    var onChange: ((RegistrarBindingChange) -> Void)?
    let eventLoop: any EventLoop
    private let logger: Logger
    private var sweep: RepeatedTask?

    init(configuration: RegistrarConfiguration, provider: any CredentialProvider, eventLoop: any EventLoop, logger: Logger) {
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.logger = logger
        self.authenticator = DigestAuthenticator(
            configuration: .init(realm: configuration.realm, realmFromDomain: configuration.realmFromDomain, nonceLifetime: configuration.nonceLifetime,
                                 failureDelay: configuration.failureDelay, throttle: configuration.throttle),
            provider: provider, eventLoop: eventLoop, logger: logger
        )
    }

    func start() {
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        sweep = eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            bound.value.expire(now: bound.value.eventLoop.now)
        }
    }

    func stop() {
        sweep?.cancel()
        sweep = nil
        authenticator.stop()
    }

    /// The live bindings of `user` in `realm` (the configured realm when nil), most recently
    /// registered first.
    func lookup(user: String, realm: String? = nil) -> [RegistrarBinding] {
        let now = eventLoop.now
        return (bindings[Self.key(user, realm ?? configuration.realm)] ?? []).filter { $0.expiresAt > now }
    }

    private static func key(_ user: String, _ realm: String) -> String { user + "@" + realm.lowercased() }

    /// Handles a REGISTER in its server transaction.
    func handle(_ request: SIPRequest, transaction: ServerTransaction) {
        // RFC 3261 §10.3 step 3: the address-of-record must be a SIP or SIPS URI (RFC 4475 §3.3.4).
        guard let to = try? request.headers.to, to.uri.sipURI != nil else {
            transaction.respond(.badRequest, reasonPhrase: "Bad To: address-of-record must be a SIP URI")
            return
        }
        let sourceIP = transaction.source.address.ipAddress ?? ""
        authenticator.authenticate(request, sourceIP: sourceIP) { [self] outcome in
            switch outcome {
            case .challenge(let challenge):
                var headers = SIPHeaders()
                headers.add(.wwwAuthenticate, challenge)
                transaction.respond(.unauthorized, headers: headers)
            case .forbidden:
                transaction.respond(.forbidden)
            case .authenticated(let user):
                register(request, user: user, transaction: transaction)
            }
        }
    }

    private func register(_ request: SIPRequest, user: String, transaction: ServerTransaction) {
        guard let to = try? request.headers.to, to.uri.user == user else {
            transaction.respond(.forbidden, reasonPhrase: "User Mismatch")
            return
        }
        guard let callID = try? request.headers.callID.rawValue, let cseq = try? request.headers.cseq.sequence else {
            transaction.respond(.badRequest)
            return
        }
        let now = eventLoop.now
        let headerExpires = (try? request.headers.expires) ?? nil
        let realm = authenticator.realm(for: request)
        let key = Self.key(user, realm)
        var current = (bindings[key] ?? []).filter { $0.expiresAt > now }
        var changes: [RegistrarBindingChange] = []

        if request.headers.isWildcardContact {
            guard headerExpires == 0, (try? request.headers.contact)?.isEmpty ?? true, request.headers.count(of: .contact) == 1 else {
                transaction.respond(.badRequest, reasonPhrase: "Bad Contact: * needs Expires 0 and no other contact")
                return
            }
            if current.contains(where: { $0.callID == callID && $0.cseq >= cseq }) {
                transaction.respond(.badRequest, reasonPhrase: "Stale CSeq")
                return
            }
            changes = current.map { .removed($0) }
            current = []
        } else {
            let contacts: [NameAddress]
            do {
                contacts = try request.headers.contact
            } catch {
                transaction.respond(.badRequest, reasonPhrase: error.reasonPhrase)
                return
            }
            for contact in contacts {
                let requested = contact.expires ?? headerExpires ?? configuration.defaultExpires
                if requested != 0, requested < configuration.minExpires {
                    var headers = SIPHeaders()
                    headers.add(.minExpires, Int(configuration.minExpires))
                    transaction.respond(.intervalTooBrief, headers: headers)
                    return
                }
                let granted = min(requested, configuration.maxExpires)
                let index = current.firstIndex { $0.contact.uri == contact.uri || (($0.contact.sipURI).map { uri in contact.sipURI.map { uri.isEquivalent(to: $0) } ?? false } ?? false) }
                if let index {
                    let existing = current[index]
                    if existing.callID == callID, existing.cseq >= cseq {
                        transaction.respond(.badRequest, reasonPhrase: "Stale CSeq")
                        return
                    }
                    if granted == 0 {
                        changes.append(.removed(existing))
                        current.remove(at: index)
                    } else {
                        var updated = existing
                        updated.contact = Self.stripExpires(contact)
                        updated.expiresAt = now + .seconds(Int64(granted))
                        updated.callID = callID
                        updated.cseq = cseq
                        updated.userAgent = request.headers.userAgent
                        current[index] = updated
                        changes.append(.refreshed(updated))
                    }
                } else if granted > 0 {
                    guard current.count < configuration.maxContactsPerUser else {
                        transaction.respond(.forbidden, reasonPhrase: "Too Many Contacts")
                        return
                    }
                    let binding = RegistrarBinding(
                        user: user, realm: realm, contact: Self.stripExpires(contact),
                        expiresAt: now + .seconds(Int64(granted)), callID: callID, cseq: cseq,
                        sourceTransport: transaction.source.transport,
                        sourceAddress: transaction.source.address.ipAddress ?? "",
                        sourcePort: transaction.source.address.port ?? 0,
                        userAgent: request.headers.userAgent
                    )
                    current.insert(binding, at: 0)
                    changes.append(.added(binding))
                }
            }
        }
        bindings[key] = current.isEmpty ? nil : current

        var response = transaction.makeResponse(.ok)
        for binding in current {
            var contact = binding.contact
            contact.parameters.setValue(String(binding.secondsLeft(at: now)), for: "expires")
            response.headers.add(.contact, contact)
        }
        transaction.respond(response)
        for change in changes {
            logger.info("registration changed", metadata: ["user": "\(user)", "change": "\(Self.name(of: change))", "contact": "\(change.binding.contact.uri)"])
            onChange?(change)
        }
    }

    /// Removes bindings whose time ran out and reports them.
    func expire(now: NIODeadline) {
        for (key, list) in bindings {
            let expired = list.filter { $0.expiresAt <= now }
            guard !expired.isEmpty else { continue }
            let live = list.filter { $0.expiresAt > now }
            bindings[key] = live.isEmpty ? nil : live
            for binding in expired {
                logger.info("registration expired", metadata: ["user": "\(binding.user)", "realm": "\(binding.realm)", "contact": "\(binding.contact.uri)"])
                onChange?(.expired(binding))
            }
        }
        authenticator.prune()
    }

    private static func stripExpires(_ contact: NameAddress) -> NameAddress {
        var contact = contact
        contact.parameters.remove("expires")
        return contact
    }

    private static func name(of change: RegistrarBindingChange) -> String {
        switch change {
        case .added: return "added"
        case .refreshed: return "refreshed"
        case .removed: return "removed"
        case .expired: return "expired"
        }
    }
}

@available(*, unavailable)
extension Registrar: Sendable {}
