// Mixing for three or more parties as pure sample math: who hears whom is a matrix, and the
// conference and supervisor modes (listen, whisper, barge) are presets of it.

/// How a participant takes part in a mix.
public enum MixRole: Sendable, Hashable {
    /// Hears everyone and is heard by everyone (a conference party, or a supervisor who barged in).
    case speaker
    /// Hears everyone and is heard by nobody (supervisor listen 监听, or a muted party).
    case listener
    /// Hears everyone and is heard only by the participant at index `target` (supervisor
    /// whisper 耳语, heard by the agent only).
    case whisperer(target: Int)
}

/// The supervisor modes on a call between a caller and an agent.
public enum SupervisorMode: String, Sendable, Hashable, CaseIterable {
    /// The supervisor hears caller and agent; nobody hears the supervisor (监听).
    case listen
    /// The supervisor hears both; only the agent hears the supervisor (耳语/密语).
    case whisper
    /// Everyone hears everyone (强插).
    case barge
}

/// Mixes one frame per participant into one frame per participant.
///
/// Each output is the saturated sum of the inputs its participant hears, never including the
/// participant's own input (no echo of one's own voice).
public struct Mixer: Sendable, Hashable {
    /// For each participant, the indices of the participants it hears.
    public private(set) var hearing: [[Int]]

    /// Creates a mixer from roles, one per participant.
    public init(roles: [MixRole]) {
        var hearing: [[Int]] = []
        for listener in roles.indices {
            var heard: [Int] = []
            for speaker in roles.indices where speaker != listener {
                switch roles[speaker] {
                case .speaker: heard.append(speaker)
                case .listener: break
                case .whisperer(let target): if target == listener { heard.append(speaker) }
                }
            }
            hearing.append(heard)
        }
        self.hearing = hearing
    }

    /// A conference of `count` speakers.
    public static func conference(count: Int) -> Mixer {
        Mixer(roles: Array(repeating: .speaker, count: count))
    }

    /// A supervised call: participant 0 is the caller, 1 the agent, 2 the supervisor.
    public static func supervised(_ mode: SupervisorMode) -> Mixer {
        switch mode {
        case .listen: Mixer(roles: [.speaker, .speaker, .listener])
        case .whisper: Mixer(roles: [.speaker, .speaker, .whisperer(target: 1)])
        case .barge: Mixer(roles: [.speaker, .speaker, .speaker])
        }
    }

    /// Mixes `inputs` (one frame per participant, nil for a participant who sent nothing) into
    /// `outputs` (resized to one frame per participant).
    public func mix(_ inputs: [AudioFrame?], into outputs: inout [AudioFrame]) {
        precondition(inputs.count == hearing.count, "one input frame per participant")
        if outputs.count != hearing.count { outputs = Array(repeating: .silence, count: hearing.count) }
        var sums = [Int32](repeating: 0, count: AudioFrame.sampleCount)
        for listener in hearing.indices {
            for i in sums.indices { sums[i] = 0 }
            for speaker in hearing[listener] {
                guard let frame = inputs[speaker] else { continue }
                for i in sums.indices { sums[i] += Int32(frame.samples[i]) }
            }
            outputs[listener].samples.withUnsafeMutableBufferPointer { out in
                for i in 0..<AudioFrame.sampleCount { out[i] = Int16(clamping: sums[i]) }
            }
        }
    }

    /// Mixes and returns new frames (convenience for tests).
    public func mix(_ inputs: [AudioFrame?]) -> [AudioFrame] {
        var outputs: [AudioFrame] = []
        mix(inputs, into: &outputs)
        return outputs
    }

    /// Sums frames with saturation (the mono mix of a conference recording).
    public static func sum(_ frames: [AudioFrame?]) -> AudioFrame {
        var sums = [Int32](repeating: 0, count: AudioFrame.sampleCount)
        for case let frame? in frames {
            for i in sums.indices { sums[i] += Int32(frame.samples[i]) }
        }
        return AudioFrame(samples: sums.map { Int16(clamping: $0) })
    }
}
