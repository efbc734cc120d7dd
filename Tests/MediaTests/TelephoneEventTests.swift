// RFC 4733: the payload format, the receiver (one digit per event, keyed on the timestamp) and
// the sender feeding the receiver.

import NIOCore
import Testing
@testable import Media

@Suite struct TelephoneEventTests {
    @Test("every event code with both E and R bits and every volume survives write and parse")
    func payloadRoundTrip() throws {
        for event in UInt8(0)...16 {
            for isEnd in [false, true] {
                for reserved in [false, true] {
                    for volume in UInt8(0)...63 {
                        let original = TelephoneEvent(event: event, isEnd: isEnd, reserved: reserved, volume: volume, duration: 1234)
                        var buffer = ByteBuffer()
                        original.write(to: &buffer)
                        #expect(try TelephoneEvent(parsing: buffer, at: 0, length: 4) == original)
                    }
                }
            }
        }
    }

    @Test("volume beyond 6 bits is masked rather than spilling into the E and R bits")
    func volumeMask() throws {
        var buffer = ByteBuffer()
        TelephoneEvent(event: 5, isEnd: false, volume: 0xFF, duration: 0).write(to: &buffer)
        let parsed = try TelephoneEvent(parsing: buffer, at: 0, length: 4)
        #expect(!parsed.isEnd && !parsed.reserved && parsed.volume == 63)
    }

    @Test("a payload shorter than four bytes is rejected")
    func short() {
        #expect(throws: TelephoneEventParseError.tooShort(length: 3)) {
            try TelephoneEvent(parsing: ByteBuffer(bytes: [1, 2, 3]), at: 0, length: 3)
        }
    }
}

@Suite struct TelephoneEventReceiverTests {
    let ms: Int64 = 1_000_000

    func packet(_ digit: UInt8, end: Bool, duration: UInt16) -> TelephoneEvent {
        TelephoneEvent(event: digit, isEnd: end, volume: 10, duration: duration)
    }

    @Test("an event with updates and three end packets gives exactly one digit with its duration")
    func oneDigitPerEvent() {
        var receiver = TelephoneEventReceiver()
        var digits: [DetectedDigit] = []
        for n in 1...5 { digits += receiver.received(packet(7, end: false, duration: UInt16(n * 160)), ssrc: 1, timestamp: 8000, at: Int64(n) * 20 * ms) }
        for n in 0..<3 { digits += receiver.received(packet(7, end: true, duration: 960), ssrc: 1, timestamp: 8000, at: Int64(6 + n) * 20 * ms) }
        #expect(digits == [DetectedDigit(digit: .seven, durationMilliseconds: 120, source: .rfc4733)])
    }

    @Test("the same key pressed twice is two digits because the timestamps differ, even without marker bits")
    func repeatedKey() {
        var receiver = TelephoneEventReceiver()
        var digits: [DetectedDigit] = []
        for timestamp: UInt32 in [1000, 3000] {
            digits += receiver.received(packet(1, end: false, duration: 160), ssrc: 1, timestamp: timestamp, at: 0)
            digits += receiver.received(packet(1, end: true, duration: 800), ssrc: 1, timestamp: timestamp, at: 0)
            digits += receiver.received(packet(1, end: true, duration: 800), ssrc: 1, timestamp: timestamp, at: 0)
        }
        #expect(digits.map(\.digit) == [.one, .one])
    }

    @Test("when every end packet is lost, the next event reports the previous digit")
    func lostEnd() {
        var receiver = TelephoneEventReceiver()
        var digits = receiver.received(packet(3, end: false, duration: 160), ssrc: 1, timestamp: 100, at: 0)
        digits += receiver.received(packet(3, end: false, duration: 320), ssrc: 1, timestamp: 100, at: 20 * ms)
        digits += receiver.received(packet(4, end: false, duration: 160), ssrc: 1, timestamp: 2000, at: 300 * ms)
        digits += receiver.received(packet(4, end: true, duration: 480), ssrc: 1, timestamp: 2000, at: 340 * ms)
        #expect(digits.map(\.digit) == [.three, .four])
        #expect(digits[0].durationMilliseconds == 40)
    }

    @Test("an event whose end never comes is reported once the end timeout passes, and only once")
    func expiry() {
        var receiver = TelephoneEventReceiver(endTimeoutMilliseconds: 500)
        _ = receiver.received(packet(9, end: false, duration: 160), ssrc: 1, timestamp: 100, at: 0)
        #expect(receiver.expire(at: 400 * ms).isEmpty)
        #expect(receiver.expire(at: 500 * ms).map(\.digit) == [.nine])
        #expect(receiver.expire(at: 900 * ms).isEmpty)
        #expect(receiver.received(packet(9, end: true, duration: 800), ssrc: 1, timestamp: 100, at: 950 * ms).isEmpty)
    }

    @Test("a late update of an earlier event does not start a new digit")
    func lateUpdate() {
        var receiver = TelephoneEventReceiver()
        var digits = receiver.received(packet(2, end: true, duration: 800), ssrc: 1, timestamp: 100, at: 0)
        digits += receiver.received(packet(5, end: false, duration: 160), ssrc: 1, timestamp: 2000, at: 0)
        digits += receiver.received(packet(2, end: false, duration: 640), ssrc: 1, timestamp: 100, at: 0)
        digits += receiver.received(packet(5, end: true, duration: 800), ssrc: 1, timestamp: 2000, at: 0)
        #expect(digits.map(\.digit) == [.two, .five])
    }

    @Test("flash (event 16) ends quietly without a digit")
    func flash() {
        var receiver = TelephoneEventReceiver()
        #expect(receiver.received(packet(16, end: true, duration: 800), ssrc: 1, timestamp: 1, at: 0).isEmpty)
    }
}

@Suite struct TelephoneEventSenderTests {
    @Test("the sender's packets, fed to a receiver, give back every digit once", arguments: ["1", "0123456789*#ABCD", "55"])
    func senderToReceiver(dialString: String) throws {
        let digits = try #require([DTMFDigit](dialString: dialString))
        var sender = TelephoneEventSender(digits: digits)
        var receiver = TelephoneEventReceiver()
        var received: [DTMFDigit] = []
        var timestamp: UInt32 = 0
        var eventTimestamp: UInt32 = 0
        var packets = 0
        loop: while true {
            switch sender.next() {
            case .send(let event, let isFirst, let isLast, let samples):
                if isFirst { eventTimestamp = timestamp }
                packets += 1
                received += receiver.received(event, ssrc: 1, timestamp: eventTimestamp, at: 0).map(\.digit)
                if isLast { timestamp &+= UInt32(samples) }
            case .pause:
                timestamp &+= 160
            case .finished:
                break loop
            }
        }
        #expect(received == digits)
        // 100 ms of updates at 20 ms (5) plus three end packets, per digit.
        #expect(packets == digits.count * 8)
    }
}

@Suite struct DigitCollectorTests {
    @Test("collection stops at the maximum, at a terminator (not included), and reports timeouts with what it has")
    func rules() {
        var collector = DigitCollector(DigitCollectionRequest(maxDigits: 3))
        #expect(collector.received(.one) == nil)
        #expect(collector.received(.two) == nil)
        #expect(collector.received(.three) == DigitCollectionResult(digits: [.one, .two, .three], reason: .maxDigits))

        var terminated = DigitCollector(DigitCollectionRequest(maxDigits: 10))
        _ = terminated.received(.nine)
        #expect(terminated.received(.pound) == DigitCollectionResult(digits: [.nine], reason: .terminator(.pound)))

        var slow = DigitCollector(DigitCollectionRequest(maxDigits: 4, firstDigitTimeoutMilliseconds: 5000, interDigitTimeoutMilliseconds: 2000))
        #expect(slow.currentTimeoutMilliseconds == 5000)
        _ = slow.received(.four)
        #expect(slow.currentTimeoutMilliseconds == 2000)
        #expect(slow.timedOut() == DigitCollectionResult(digits: [.four], reason: .timeout))
    }

    @Test("dial strings parse into keys and reject other characters")
    func dialStrings() {
        #expect([DTMFDigit](dialString: "12*#aD") == [.one, .two, .star, .pound, .a, .d])
        #expect([DTMFDigit](dialString: "12x") == nil)
    }
}
