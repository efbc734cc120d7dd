// The rules of collecting digits for an IVR menu or an account number: how many, which key
// ends the input, how long to wait for the first and the following keys. Pure; the leg feeds it
// digits and timer firings.

/// What to collect.
public struct DigitCollectionRequest: Sendable, Hashable {
    /// Stop after this many digits (the terminator not counted).
    public var maxDigits: Int
    /// Keys that end the input early (typically `#`); not included in the result.
    public var terminators: Set<DTMFDigit>
    /// How long to wait for the first digit, in milliseconds.
    public var firstDigitTimeoutMilliseconds: Int
    /// How long to wait for each following digit, in milliseconds.
    public var interDigitTimeoutMilliseconds: Int

    /// Creates a request.
    public init(maxDigits: Int, terminators: Set<DTMFDigit> = [.pound], firstDigitTimeoutMilliseconds: Int = 5000, interDigitTimeoutMilliseconds: Int = 3000) {
        self.maxDigits = maxDigits
        self.terminators = terminators
        self.firstDigitTimeoutMilliseconds = firstDigitTimeoutMilliseconds
        self.interDigitTimeoutMilliseconds = interDigitTimeoutMilliseconds
    }
}

/// What was collected and why collection stopped.
public struct DigitCollectionResult: Sendable, Hashable {
    /// Why collection ended.
    public enum Reason: Sendable, Hashable {
        /// `maxDigits` were collected.
        case maxDigits
        /// A terminator key was pressed.
        case terminator(DTMFDigit)
        /// No (further) digit came in time.
        case timeout
        /// The leg was released or the collection cancelled.
        case cancelled
    }

    /// The digits, in order.
    public var digits: [DTMFDigit]
    /// Why collection ended.
    public var reason: Reason

    /// The digits as a string.
    public var string: String { String(digits.map(\.character)) }
}

/// The state of one collection.
public struct DigitCollector: Sendable, Hashable {
    /// What is being collected.
    public let request: DigitCollectionRequest
    /// Digits so far.
    public private(set) var digits: [DTMFDigit] = []

    /// Starts a collection.
    public init(_ request: DigitCollectionRequest) {
        self.request = request
    }

    /// The timeout to arm now, in milliseconds.
    public var currentTimeoutMilliseconds: Int {
        digits.isEmpty ? request.firstDigitTimeoutMilliseconds : request.interDigitTimeoutMilliseconds
    }

    /// Takes a digit; returns the result if collection is complete.
    public mutating func received(_ digit: DTMFDigit) -> DigitCollectionResult? {
        if request.terminators.contains(digit) {
            return DigitCollectionResult(digits: digits, reason: .terminator(digit))
        }
        digits.append(digit)
        if digits.count >= request.maxDigits {
            return DigitCollectionResult(digits: digits, reason: .maxDigits)
        }
        return nil
    }

    /// The armed timeout fired.
    public func timedOut() -> DigitCollectionResult {
        DigitCollectionResult(digits: digits, reason: .timeout)
    }
}
