// The checks a server runs on every request before acting on it (RFC 3261 §8.2, §16.3).

extension SIPRequest {
    /// Which optional strictness ``validate(_:)`` applies.
    public struct ValidationPolicy: Hashable, Sendable {
        /// Whether a request without Max-Forwards is refused. RFC 3261 §8.1.1 makes the header
        /// mandatory, but RFC 2543 peers omit it and RFC 4475 §3.4.1 asks elements keeping
        /// backward compatibility to accept that; off by default.
        public var requiresMaxForwards: Bool

        /// A policy; by default a missing Max-Forwards is accepted.
        public init(requiresMaxForwards: Bool = false) {
            self.requiresMaxForwards = requiresMaxForwards
        }

        /// The default policy.
        public static let `default` = ValidationPolicy()
        /// RFC 3261 to the letter: Max-Forwards required.
        public static let strict = ValidationPolicy(requiresMaxForwards: true)
    }

    /// Checks what the transaction and dialog layers rely on, in the order a server answers:
    ///
    /// 1. SIP-Version 2.0 (else `505`);
    /// 2. To, From, CSeq, Call-ID, Via present (and Max-Forwards under the strict policy),
    ///    each of To, From, CSeq, Call-ID, Max-Forwards and Content-Type at most once;
    /// 3. those headers, and Contact, Route and Record-Route when present, parse;
    /// 4. the CSeq method equals the request method;
    /// 5. the Request-URI has no headers component (`400`) and a sip, sips or tel scheme (`416`).
    ///
    /// The thrown ``SIPValidationError`` carries the status and a reason phrase naming the defect.
    public func validate(_ policy: ValidationPolicy = .default) throws(SIPValidationError) {
        guard version == .v2_0 else { throw .unsupportedVersion(version) }
        var mandatory: [SIPHeaderName] = [.to, .from, .cseq, .callID]
        if policy.requiresMaxForwards { mandatory.append(.maxForwards) }
        mandatory.append(.via)
        for name in mandatory where !headers.contains(name) {
            throw .missingHeader(name)
        }
        for name in [SIPHeaderName.to, .from, .cseq, .callID, .maxForwards, .contentType] where headers.count(of: name) > 1 {
            throw .duplicateHeader(name)
        }
        let cseq: CSeq
        do throws(SIPParseError) {
            _ = try headers.to
            _ = try headers.from
            cseq = try headers.cseq
            _ = try headers.callID
            _ = try headers.maxForwards
            _ = try headers.via
            _ = try headers.contact
            _ = try headers.route
            _ = try headers.recordRoute
            _ = try headers.contentType
        } catch {
            throw .malformedHeader(error)
        }
        guard cseq.method == method else {
            throw .cseqMethodMismatch(requestMethod: method, cseqMethod: cseq.method)
        }
        switch uri {
        case .sip(let sipURI):
            guard sipURI.headers.isEmpty else { throw .requestURIHasHeaders }
        case .tel:
            break
        case .absolute(let absolute):
            throw .unsupportedURIScheme(absolute.scheme)
        }
    }

    /// The option tags of Require (and, for a proxy, Proxy-Require) that are not in
    /// `supported`; a non-empty result is answered `420 Bad Extension` with these tags in an
    /// Unsupported header (RFC 3261 §8.2.2.3, RFC 4475 §3.3.5).
    public func unsupportedRequirements(
        supported: Set<String>,
        includingProxyRequire: Bool = false
    ) throws(SIPParseError) -> [String] {
        var required = try headers.require
        if includingProxyRequire { required += try headers.proxyRequire }
        var seen = Set<String>()
        return required.filter { !supported.contains($0) && seen.insert($0).inserted }
    }
}

extension SIPResponse {
    /// Checks that the response carries parseable Via, From, To, Call-ID and CSeq, each of the
    /// single-valued ones once, and SIP-Version 2.0. A response failing this is dropped
    /// (RFC 3261 §18.1.2; RFC 4475 §3.1.2.5 and §3.1.2.19).
    public func validate() throws(SIPValidationError) {
        guard version == .v2_0 else { throw .unsupportedVersion(version) }
        for name in [SIPHeaderName.via, .from, .to, .callID, .cseq] where !headers.contains(name) {
            throw .missingHeader(name)
        }
        for name in [SIPHeaderName.to, .from, .cseq, .callID] where headers.count(of: name) > 1 {
            throw .duplicateHeader(name)
        }
        do throws(SIPParseError) {
            _ = try headers.via
            _ = try headers.from
            _ = try headers.to
            _ = try headers.callID
            _ = try headers.cseq
        } catch {
            throw .malformedHeader(error)
        }
    }
}
