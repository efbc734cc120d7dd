// Places received audio on a timeline by RTP timestamp and reads it back 20 ms at a time on
// the media clock: lost packets, silence and hold come out as silence of the right length.

/// A playout buffer for one received stream, used by the recorder and the mixer.
///
/// The first packet (and any packet of a new SSRC, or one far from the timeline) sets the
/// read position `playoutDelay` samples behind its timestamp. `read` always yields a full
/// frame, silent where nothing arrived. Packets older than the read position are late and
/// dropped; a run of late packets (a sender that paused and did not advance its timestamps)
/// re-synchronises the timeline. A pure value.
public struct JitterBuffer: Sendable {
    private var ring: [Int16]
    private var filled: [Bool]
    private let mask: Int
    private let playoutDelay: UInt32
    private var started = false
    private var ssrc: UInt32 = 0
    private var readPosition: UInt32 = 0
    private var consecutiveLate = 0

    /// Packets dropped because they came after their samples were read.
    public private(set) var latePackets = 0
    /// Times the timeline was re-synchronised.
    public private(set) var resynchronisations = 0

    /// Creates a buffer holding up to `capacity` samples (rounded up to a power of two) that
    /// plays out `playoutDelay` samples behind the first packet.
    public init(capacity: Int = 8192, playoutDelay: Int = 480) {
        var size = 1
        while size < capacity { size <<= 1 }
        self.ring = [Int16](repeating: 0, count: size)
        self.filled = [Bool](repeating: false, count: size)
        self.mask = size - 1
        self.playoutDelay = UInt32(playoutDelay)
    }

    /// Stores received samples whose first sample has RTP timestamp `timestamp`.
    public mutating func insert(ssrc: UInt32, timestamp: UInt32, samples: UnsafeBufferPointer<Int16>) {
        let count = samples.count
        guard count > 0, count <= ring.count / 2 else { return }
        if !started || ssrc != self.ssrc {
            resynchronise(ssrc: ssrc, timestamp: timestamp)
        }
        var offset = Int(Int32(bitPattern: timestamp &- readPosition))
        if offset + count > ring.count || offset < -ring.count {
            resynchronise(ssrc: ssrc, timestamp: timestamp)
            offset = Int(playoutDelay)
        } else if offset < 0 {
            latePackets += 1
            consecutiveLate += 1
            if consecutiveLate < 3 { return }
            resynchronise(ssrc: ssrc, timestamp: timestamp)
            offset = Int(playoutDelay)
        }
        consecutiveLate = 0
        let start = Int(readPosition &+ UInt32(offset))
        for i in 0..<count {
            let slot = (start + i) & mask
            ring[slot] = samples[i]
            filled[slot] = true
        }
    }

    /// Stores received samples from an array.
    public mutating func insert(ssrc: UInt32, timestamp: UInt32, samples: [Int16]) {
        samples.withUnsafeBufferPointer { insert(ssrc: ssrc, timestamp: timestamp, samples: $0) }
    }

    /// Reads the next `out.count` samples of the timeline (silence where nothing arrived).
    public mutating func read(into out: UnsafeMutableBufferPointer<Int16>) {
        guard started else {
            for i in 0..<out.count { out[i] = 0 }
            return
        }
        let start = Int(readPosition)
        for i in 0..<out.count {
            let slot = (start + i) & mask
            out[i] = filled[slot] ? ring[slot] : 0
            filled[slot] = false
        }
        readPosition &+= UInt32(out.count)
    }

    /// Reads one 20 ms frame.
    public mutating func read(into frame: inout AudioFrame) {
        frame.samples.withUnsafeMutableBufferPointer { read(into: $0) }
    }

    /// Whether any audio is waiting to be read.
    public var isEmpty: Bool { !filled.contains(true) }

    private mutating func resynchronise(ssrc: UInt32, timestamp: UInt32) {
        if started { resynchronisations += 1 }
        for i in filled.indices { filled[i] = false }
        started = true
        self.ssrc = ssrc
        readPosition = timestamp &- playoutDelay
        consecutiveLate = 0
    }
}
