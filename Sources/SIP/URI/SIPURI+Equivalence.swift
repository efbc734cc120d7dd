// URI comparison as RFC 3261 §19.1.4 defines it.

extension SIPURI {
    /// Whether two URIs are equivalent under RFC 3261 §19.1.4.
    ///
    /// - sip and sips never match; user and password compare case-sensitively (after
    ///   unescaping, which parsing already did); the host compares case-insensitively; a port
    ///   given in one URI must be given, equal, in the other (no default-port filling).
    /// - The `user`, `ttl`, `method`, `maddr` and `transport` parameters must be absent from both
    ///   or present in both with equal values; any other parameter is compared only when both
    ///   URIs carry it. Parameter names and values compare case-insensitively.
    /// - Header components must be present in both, in any order, with equal values.
    ///
    /// This relation is not transitive (a parameter present in only one URI is ignored), which
    /// is why `==` stays exact and this is a separate method.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard isSecure == other.isSecure,
              user == other.user,
              password == other.password,
              Self.equalIgnoringCase(host, other.host),
              port == other.port
        else { return false }

        for name in ["user", "ttl", "method", "maddr", "transport"] {
            let mine = parameters.contains(name) ? (parameters[name] ?? "") : nil
            let theirs = other.parameters.contains(name) ? (other.parameters[name] ?? "") : nil
            switch (mine, theirs) {
            case (nil, nil): continue
            case (let mine?, let theirs?) where Self.equalIgnoringCase(mine, theirs): continue
            default: return false
            }
        }
        for parameter in parameters where other.parameters.contains(parameter.name) {
            let theirs = other.parameters[parameter.name]
            switch (parameter.value, theirs) {
            case (nil, nil): continue
            case (let mine?, let theirs?) where Self.equalIgnoringCase(mine, theirs): continue
            default: return false
            }
        }

        guard headers.count == other.headers.count else { return false }
        for header in headers {
            guard let index = other.headers.index(of: header.name),
                  other.headers[index].value == header.value
            else { return false }
        }
        return true
    }

    static func equalIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        ASCII.equalsIgnoringCase(lhs, rhs)
    }
}
