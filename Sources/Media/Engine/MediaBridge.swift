// Two legs relaying to each other (caller <-> agent), with hold and unhold.

import NIOCore
import Synchronization

/// A bridge between two legs: each leg's packets are relayed to the other as they arrive,
/// rewritten onto the other leg's stream (no decoding unless the G.711 laws differ).
public final class MediaBridge: Sendable {
    /// The first leg (by convention the caller).
    public let first: MediaLeg
    /// The second leg (by convention the agent).
    public let second: MediaLeg
    private let state = Mutex(State())

    private struct State {
        var held: MediaLeg?
        var music: PlaybackHandle?
        var active = true
        var muted: Set<MediaLegID> = []
    }

    init(first: MediaLeg, second: MediaLeg) {
        self.first = first
        self.second = second
    }

    /// Whether a party is on hold.
    public var heldParty: MediaLeg? { state.withLock { $0.held } }

    /// Whether the bridge still relays (not unbridged).
    public var isActive: Bool { state.withLock { $0.active } }

    static func connect(_ a: MediaLeg, _ b: MediaLeg) async {
        await link(from: a, to: b)
        await link(from: b, to: a)
    }

    static func link(from source: MediaLeg, to target: MediaLeg) async {
        let targetCore = target.core
        _ = try? await source.onLoop { leg in
            leg.relayTarget = targetCore
        }
        _ = try? await target.onLoop { leg in
            leg.mix?.detach(leg)
            leg.acceptsRelay = true
            leg.sequencer.feedChanged()
        }
    }

    static func cut(from source: MediaLeg, to target: MediaLeg) async {
        let targetCore = target.core
        _ = try? await source.onLoop { leg in
            if leg.relayTarget === targetCore { leg.relayTarget = nil }
        }
        _ = try? await target.onLoop { leg in
            leg.acceptsRelay = false
        }
    }

    /// Puts `held` on hold: neither party hears the other, and `held` hears `music` in a loop
    /// (nothing if nil). Holding the other party instead first ends the current hold.
    public func hold(_ held: MediaLeg, music: Prompt?) async throws(MediaError) {
        guard held == first || held == second else {
            throw .invalidParticipants("\(held) is not a leg of this bridge")
        }
        let previous = state.withLock { state -> PlaybackHandle? in
            defer { state.music = nil }
            state.held = held
            return state.music
        }
        await previous?.stop()
        await Self.cut(from: first, to: second)
        await Self.cut(from: second, to: first)
        if let music {
            let handle = try await held.startPlayback(.loop(music, times: nil), bargeIn: false, mode: .replace)
            state.withLock { $0.music = handle }
        }
    }

    /// Mutes `leg` (静音): the other party no longer hears it; `leg` still hears the other.
    /// Unmuting restores the direction unless the bridge is on hold.
    public func mute(_ leg: MediaLeg, _ muted: Bool) async throws(MediaError) {
        guard leg == first || leg == second else {
            throw .invalidParticipants("\(leg) is not a leg of this bridge")
        }
        let other = leg == first ? second : first
        let (held, active) = state.withLock { state -> (Bool, Bool) in
            if muted { state.muted.insert(leg.id) } else { state.muted.remove(leg.id) }
            return (state.held != nil, state.active)
        }
        if muted {
            await Self.cut(from: leg, to: other)
        } else if !held && active {
            await Self.link(from: leg, to: other)
        }
    }

    /// Ends the hold: music stops and both directions relay again.
    public func unhold() async {
        let music = state.withLock { state -> PlaybackHandle? in
            defer {
                state.music = nil
                state.held = nil
            }
            return state.held == nil ? nil : state.music
        }
        await music?.stop()
        let (active, muted) = state.withLock { ($0.active, $0.muted) }
        guard active else { return }
        if !muted.contains(first.id) { await Self.link(from: first, to: second) }
        if !muted.contains(second.id) { await Self.link(from: second, to: first) }
    }

    /// Stops relaying in both directions (before a transfer, a mix, or the end of the call).
    public func unbridge() async {
        let music = state.withLock { state -> PlaybackHandle? in
            state.active = false
            state.held = nil
            defer { state.music = nil }
            return state.music
        }
        await music?.stop()
        await Self.cut(from: first, to: second)
        await Self.cut(from: second, to: first)
    }
}
