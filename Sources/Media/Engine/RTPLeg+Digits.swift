// Digits on a leg: every detected digit becomes an event, interrupts a barge-in playback, and
// goes to the digit collection in progress or, if none, to the type-ahead buffer that the next
// collection reads first (so a digit pressed during a prompt is not lost).

import Logging
import NIOCore

/// A digit collection in progress on a leg.
struct ActiveCollection {
    var collector: DigitCollector
    let promise: EventLoopPromise<DigitCollectionResult>
    var timeout: Scheduled<Void>?
    let token: UInt64
}

extension RTPLeg {
    /// Type-ahead holds at most this many digits; older ones are dropped.
    static let typeAheadLimit = 32

    /// A digit arrived by any route.
    func digitDetected(_ digit: DetectedDigit) {
        guard !released else { return }
        logger.debug("digit received", metadata: logMetadata(["media.digit": "\(digit.digit)", "media.digit_source": "\(digit.source.rawValue)"]))
        events.publish(.digit(digit))
        digitHub.publish(digit)
        if let current = playback, current.bargeIn {
            finishPlayback(.interrupted(by: digit.digit), resumePaused: false)
        }
        if var active = collection {
            if let result = active.collector.received(digit.digit) {
                completeCollection(result)
            } else {
                active.timeout?.cancel()
                collection = active
                armCollectionTimeout()
            }
        } else {
            typeAhead.append(digit)
            if typeAhead.count > Self.typeAheadLimit { typeAhead.removeFirst() }
        }
    }

    /// Starts collecting; digits already in the type-ahead buffer count first.
    func startCollection(_ request: DigitCollectionRequest, promise: EventLoopPromise<DigitCollectionResult>) {
        guard !released else {
            promise.succeed(DigitCollectionResult(digits: [], reason: .cancelled))
            return
        }
        cancelCollection()
        nextPlaybackID += 1
        var collector = DigitCollector(request)
        while !typeAhead.isEmpty {
            let digit = typeAhead.removeFirst()
            if let result = collector.received(digit.digit) {
                promise.succeed(result)
                return
            }
        }
        collection = ActiveCollection(collector: collector, promise: promise, timeout: nil, token: nextPlaybackID)
        armCollectionTimeout()
    }

    /// Ends the collection in progress with the digits so far and reason `.cancelled`.
    func cancelCollection() {
        guard let active = collection else { return }
        completeCollection(DigitCollectionResult(digits: active.collector.digits, reason: .cancelled))
    }

    /// Discards digits typed ahead.
    func clearTypeAhead() {
        typeAhead.removeAll()
    }

    private func armCollectionTimeout() {
        guard var active = collection else { return }
        let token = active.token
        let milliseconds = active.collector.currentTimeoutMilliseconds
        active.timeout = eventLoop.scheduleTask(in: .milliseconds(Int64(milliseconds))) { [self] in
            guard let current = collection, current.token == token else { return }
            completeCollection(current.collector.timedOut())
        }
        collection = active
    }

    private func completeCollection(_ result: DigitCollectionResult) {
        guard let active = collection else { return }
        collection = nil
        active.timeout?.cancel()
        active.promise.succeed(result)
    }
}
