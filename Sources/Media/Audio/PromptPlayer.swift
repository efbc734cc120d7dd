// Plays a resolved prompt frame by frame: the pure core of playback, with no clock and no
// socket, so tests read its frames into arrays.

/// An `AudioSource` over a `ResolvedPrompt`.
///
/// Keeps a small stack of positions (sequence index, loop count, offset in a clip, samples
/// left under a limit). Frames are filled across prompt boundaries, so a sequence plays
/// without gaps; the last frame is padded with silence.
public struct PromptPlayer: AudioSource, Sendable {
    private struct Position: Sendable {
        var node: ResolvedPrompt
        var index = 0
        var remaining: Int?
    }

    private var stack: [Position]
    /// Samples played so far.
    public private(set) var samplesPlayed = 0

    /// Creates a player at the start of `prompt`.
    public init(_ prompt: ResolvedPrompt) {
        self.stack = [Self.position(for: prompt)]
    }

    /// Whether everything has been played.
    public var isFinished: Bool { stack.isEmpty }

    public mutating func read(into frame: inout AudioFrame) -> Bool {
        var written = 0
        frame.samples.withUnsafeMutableBufferPointer { out in
            written = fill(out)
            for i in written..<out.count { out[i] = 0 }
        }
        return written > 0
    }

    /// Fills `out` as far as the prompt goes; returns the samples written.
    public mutating func fill(_ out: UnsafeMutableBufferPointer<Int16>) -> Int {
        var written = 0
        var idleSteps = 0
        while written < out.count, let top = stack.indices.last {
            // A loop of something empty would spin forever: give up after many empty steps.
            idleSteps += 1
            if idleSteps > 10_000 {
                stack.removeAll()
                break
            }
            var want = out.count - written
            for position in stack { if let remaining = position.remaining { want = min(want, remaining) } }
            if want == 0 {
                popExhaustedLimits()
                continue
            }
            switch stack[top].node {
            case .clip(let clip):
                let n = min(want, clip.samples.count - stack[top].index)
                if n > 0 {
                    clip.samples.withUnsafeBufferPointer { source in
                        for i in 0..<n { out[written + i] = source[stack[top].index + i] }
                    }
                    produced(n)
                    stack[top].index += n
                    written += n
                    idleSteps = 0
                }
                if stack.indices.contains(top), case .clip = stack[top].node, stack[top].index >= clip.samples.count {
                    stack.remove(at: top)
                }
            case .silence(let samples):
                let n = min(want, samples - stack[top].index)
                if n > 0 {
                    for i in 0..<n { out[written + i] = 0 }
                    produced(n)
                    stack[top].index += n
                    written += n
                    idleSteps = 0
                }
                if stack.indices.contains(top), case .silence = stack[top].node, stack[top].index >= samples {
                    stack.remove(at: top)
                }
            case .sequence(let children):
                if stack[top].index < children.count {
                    stack[top].index += 1
                    stack.append(Self.position(for: children[stack[top].index - 1]))
                } else {
                    stack.removeLast()
                }
            case .loop(let child, let times):
                if times.map({ stack[top].index < $0 }) ?? true {
                    stack[top].index += 1
                    stack.append(Self.position(for: child))
                } else {
                    stack.removeLast()
                }
            case .limit(let child, _):
                if stack[top].index == 0 {
                    stack[top].index = 1
                    stack.append(Self.position(for: child))
                } else {
                    stack.removeLast()
                }
            }
        }
        return written
    }

    private static func position(for node: ResolvedPrompt) -> Position {
        if case .limit(_, let samples) = node { return Position(node: node, remaining: samples) }
        return Position(node: node)
    }

    private mutating func produced(_ n: Int) {
        samplesPlayed += n
        for i in stack.indices where stack[i].remaining != nil { stack[i].remaining! -= n }
    }

    private mutating func popExhaustedLimits() {
        if let index = stack.firstIndex(where: { $0.remaining == 0 }) {
            stack.removeSubrange(index...)
        }
    }
}
