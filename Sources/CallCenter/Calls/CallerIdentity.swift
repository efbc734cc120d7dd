// Who is calling, as the platform may believe it: P-Asserted-Identity from trusted trunks,
// the caller's privacy request (CLIR, 号码隐藏), and the forwarding the call went through
// before it reached us (Diversion, History-Info).

import SIP

/// The identity of an inbound call's caller, read once from its INVITE.
///
/// ``number`` is what rules, lookups, VIP recognition and the CDR use: the first
/// P-Asserted-Identity (RFC 3325) when the call came from a trusted trunk, else the From
/// user; a PAI from anyone else is ignored (a B2BUA never passes it on, so it is also
/// stripped). ``hidden`` is set by `Privacy: id`, `user` or `header` (RFC 3323) or by an
/// anonymous From with no asserted identity; then ``presentation`` (what agents, screen pops
/// and the event stream see) is ``withheld``.
struct CallerIdentity: Sendable, Equatable {
    /// One forwarding step before the call reached the platform.
    struct Forwarding: Sendable, Equatable {
        /// Which header told us.
        enum Source: String, Sendable {
            case diversion
            case historyInfo = "history_info"
        }

        /// The number that forwarded the call.
        var number: String
        /// Why (`busy`, `no-answer`, `unconditional`, a SIP cause), when given.
        var reason: String?
        var source: Source
    }

    /// What agents see instead of a hidden number.
    static let withheld = "anonymous"

    /// The caller's number for rules, lookups and records.
    var number: String
    /// Whether ``number`` came from a trusted P-Asserted-Identity.
    var asserted: Bool
    /// The caller asked not to be shown (CLIR).
    var hidden: Bool
    /// Forwarding before the call reached the platform, oldest first.
    var forwardings: [Forwarding]
    /// How many times the call had been forwarded when it arrived (Diversion counters or
    /// History-Info entries).
    var priorForwards: Int

    /// The number as agents may see it.
    var presentation: String { hidden ? Self.withheld : number }

    /// The identity in `request`; `trusted` when it came from a trunk whose PAI is believed.
    init(request: SIPRequest, trusted: Bool) {
        let headers = request.headers
        let fromUser = (try? headers.from)?.uri.user
        var asserted: String?
        if trusted {
            asserted = ((try? headers.pAssertedIdentity) ?? []).lazy.compactMap { Self.number(of: $0.uri) }.first
        }
        self.asserted = asserted != nil
        let from = fromUser.flatMap { $0.isEmpty ? nil : $0 }
        number = asserted ?? from ?? Self.withheld
        let privacy = Set(((try? headers.privacy) ?? []).map { $0.lowercased() })
        let anonymousFrom = from == nil || from?.lowercased() == Self.withheld
        hidden = !privacy.isDisjoint(with: ["id", "user", "header"]) || (anonymousFrom && asserted == nil)
        let (steps, count) = Self.forwardings(in: headers)
        // Bounded: the record keeps at most this many (anything past two is refused anyway).
        forwardings = Array(steps.suffix(Self.maxRecordedForwards))
        priorForwards = min(count, Self.maxRecordedForwards)
    }

    /// The most forwarding steps a call record keeps.
    static let maxRecordedForwards = 10

    /// `data` (a flow's screen pop, call data) as agents may see it: for a hidden caller,
    /// every occurrence of the number is replaced with ``withheld`` (a flow that writes
    /// `${caller}` into the screen pop must not show the number).
    func masked(_ data: [String: String]) -> [String: String] {
        guard hidden, number != Self.withheld, !number.isEmpty else { return data }
        return data.mapValues { $0.replacing(number, with: Self.withheld) }
    }

    /// The number a URI names: a SIP URI's user or a tel URI's number, without visual separators.
    static func number(of uri: AnyURI) -> String? {
        guard let user = uri.user else { return nil }
        let digits = user.filter { $0 != "-" && $0 != "." && $0 != "(" && $0 != ")" && $0 != " " }
        guard !digits.isEmpty, digits.lowercased() != withheld else { return nil }
        return digits
    }

    /// Diversion entries (RFC 5806, most recent first on the wire) or, without them,
    /// History-Info entries (RFC 7044) but the last, which is this call's own target.
    static func forwardings(in headers: SIPHeaders) -> ([Forwarding], Int) {
        let diversions = (try? headers.diversion) ?? []
        if !diversions.isEmpty {
            let steps = diversions.reversed().compactMap { entry -> Forwarding? in
                number(of: entry.uri).map { Forwarding(number: $0, reason: entry.parameters.unquotedValue(for: "reason"), source: .diversion) }
            }
            let counted = diversions.reduce(0) { total, entry in
                total + max(1, entry.parameters.unquotedValue(for: "counter").flatMap { Int($0) } ?? 1)
            }
            return (steps, counted)
        }
        let history = (try? headers.historyInfo) ?? []
        guard history.count > 1 else { return ([], 0) }
        // Each entry but the last was retargeted; the next entry's `cause` (RFC 4458) says why.
        let steps = history.indices.dropLast().compactMap { index -> Forwarding? in
            number(of: history[index].uri).map {
                Forwarding(number: $0, reason: history[index + 1].uri.sipURI?.parameters.unquotedValue(for: "cause"), source: .historyInfo)
            }
        }
        return (steps, steps.count)
    }
}
