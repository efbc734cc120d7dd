// SIP status codes and their standard reason phrases (RFC 3261 §21 and later RFCs).

/// The status code of a SIP response.
///
/// Equality compares the code only; the reason phrase travels separately in
/// ``SIPResponse/reasonPhrase`` (defaulting to ``defaultReasonPhrase``).
public struct SIPStatus: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The three-digit code, 100...699.
    public let code: Int

    /// The status with `code` (the parser only produces codes from 100 to 699).
    public init(code: Int) {
        self.code = code
    }

    /// The status with the literal code.
    public init(integerLiteral value: Int) {
        self.code = value
    }

    /// Whether this is a provisional (1xx) response.
    public var isProvisional: Bool { code < 200 }
    /// Whether this is a final (2xx...6xx) response.
    public var isFinal: Bool { code >= 200 }
    /// Whether this is a success (2xx) response.
    public var isSuccess: Bool { (200..<300).contains(code) }
    /// The class digit: 1 for provisional ... 6 for global failure.
    public var codeClass: Int { code / 100 }

    public static func < (lhs: SIPStatus, rhs: SIPStatus) -> Bool { lhs.code < rhs.code }

    /// `200 OK`.
    public var description: String { "\(code) \(defaultReasonPhrase)" }

    /// The reason phrase the RFCs give this code, or one for its class (e.g. `Client Error`).
    public var defaultReasonPhrase: String {
        switch code {
        case 100: return "Trying"
        case 180: return "Ringing"
        case 181: return "Call Is Being Forwarded"
        case 182: return "Queued"
        case 183: return "Session Progress"
        case 199: return "Early Dialog Terminated"
        case 200: return "OK"
        case 202: return "Accepted"
        case 204: return "No Notification"
        case 300: return "Multiple Choices"
        case 301: return "Moved Permanently"
        case 302: return "Moved Temporarily"
        case 305: return "Use Proxy"
        case 380: return "Alternative Service"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 402: return "Payment Required"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 407: return "Proxy Authentication Required"
        case 408: return "Request Timeout"
        case 410: return "Gone"
        case 412: return "Conditional Request Failed"
        case 413: return "Request Entity Too Large"
        case 414: return "Request-URI Too Long"
        case 415: return "Unsupported Media Type"
        case 416: return "Unsupported URI Scheme"
        case 417: return "Unknown Resource-Priority"
        case 420: return "Bad Extension"
        case 421: return "Extension Required"
        case 422: return "Session Interval Too Small"
        case 423: return "Interval Too Brief"
        case 428: return "Use Identity Header"
        case 429: return "Provide Referrer Identity"
        case 430: return "Flow Failed"
        case 433: return "Anonymity Disallowed"
        case 436: return "Bad Identity-Info"
        case 437: return "Unsupported Certificate"
        case 438: return "Invalid Identity Header"
        case 439: return "First Hop Lacks Outbound Support"
        case 440: return "Max-Breadth Exceeded"
        case 469: return "Bad Info Package"
        case 470: return "Consent Needed"
        case 480: return "Temporarily Unavailable"
        case 481: return "Call/Transaction Does Not Exist"
        case 482: return "Loop Detected"
        case 483: return "Too Many Hops"
        case 484: return "Address Incomplete"
        case 485: return "Ambiguous"
        case 486: return "Busy Here"
        case 487: return "Request Terminated"
        case 488: return "Not Acceptable Here"
        case 489: return "Bad Event"
        case 491: return "Request Pending"
        case 493: return "Undecipherable"
        case 494: return "Security Agreement Required"
        case 500: return "Server Internal Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Server Time-out"
        case 505: return "Version Not Supported"
        case 513: return "Message Too Large"
        case 555: return "Push Notification Service Not Supported"
        case 580: return "Precondition Failure"
        case 600: return "Busy Everywhere"
        case 603: return "Decline"
        case 604: return "Does Not Exist Anywhere"
        case 606: return "Not Acceptable"
        case 607: return "Unwanted"
        case 608: return "Rejected"
        default:
            switch code / 100 {
            case 1: return "Provisional"
            case 2: return "Success"
            case 3: return "Redirection"
            case 4: return "Client Error"
            case 5: return "Server Error"
            default: return "Global Failure"
            }
        }
    }

    /// 100 Trying.
    public static let trying = SIPStatus(code: 100)
    /// 180 Ringing.
    public static let ringing = SIPStatus(code: 180)
    /// 181 Call Is Being Forwarded.
    public static let callIsBeingForwarded = SIPStatus(code: 181)
    /// 182 Queued.
    public static let queued = SIPStatus(code: 182)
    /// 183 Session Progress.
    public static let sessionProgress = SIPStatus(code: 183)
    /// 199 Early Dialog Terminated.
    public static let earlyDialogTerminated = SIPStatus(code: 199)
    /// 200 OK.
    public static let ok = SIPStatus(code: 200)
    /// 202 Accepted.
    public static let accepted = SIPStatus(code: 202)
    /// 204 No Notification.
    public static let noNotification = SIPStatus(code: 204)
    /// 300 Multiple Choices.
    public static let multipleChoices = SIPStatus(code: 300)
    /// 301 Moved Permanently.
    public static let movedPermanently = SIPStatus(code: 301)
    /// 302 Moved Temporarily.
    public static let movedTemporarily = SIPStatus(code: 302)
    /// 305 Use Proxy.
    public static let useProxy = SIPStatus(code: 305)
    /// 380 Alternative Service.
    public static let alternativeService = SIPStatus(code: 380)
    /// 400 Bad Request.
    public static let badRequest = SIPStatus(code: 400)
    /// 401 Unauthorized.
    public static let unauthorized = SIPStatus(code: 401)
    /// 402 Payment Required.
    public static let paymentRequired = SIPStatus(code: 402)
    /// 403 Forbidden.
    public static let forbidden = SIPStatus(code: 403)
    /// 404 Not Found.
    public static let notFound = SIPStatus(code: 404)
    /// 405 Method Not Allowed.
    public static let methodNotAllowed = SIPStatus(code: 405)
    /// 406 Not Acceptable.
    public static let notAcceptable = SIPStatus(code: 406)
    /// 407 Proxy Authentication Required.
    public static let proxyAuthenticationRequired = SIPStatus(code: 407)
    /// 408 Request Timeout.
    public static let requestTimeout = SIPStatus(code: 408)
    /// 410 Gone.
    public static let gone = SIPStatus(code: 410)
    /// 412 Conditional Request Failed.
    public static let conditionalRequestFailed = SIPStatus(code: 412)
    /// 413 Request Entity Too Large.
    public static let requestEntityTooLarge = SIPStatus(code: 413)
    /// 414 Request-URI Too Long.
    public static let requestURITooLong = SIPStatus(code: 414)
    /// 415 Unsupported Media Type.
    public static let unsupportedMediaType = SIPStatus(code: 415)
    /// 416 Unsupported URI Scheme.
    public static let unsupportedURIScheme = SIPStatus(code: 416)
    /// 417 Unknown Resource-Priority.
    public static let unknownResourcePriority = SIPStatus(code: 417)
    /// 420 Bad Extension.
    public static let badExtension = SIPStatus(code: 420)
    /// 421 Extension Required.
    public static let extensionRequired = SIPStatus(code: 421)
    /// 422 Session Interval Too Small.
    public static let sessionIntervalTooSmall = SIPStatus(code: 422)
    /// 423 Interval Too Brief.
    public static let intervalTooBrief = SIPStatus(code: 423)
    /// 428 Use Identity Header.
    public static let useIdentityHeader = SIPStatus(code: 428)
    /// 429 Provide Referrer Identity.
    public static let provideReferrerIdentity = SIPStatus(code: 429)
    /// 430 Flow Failed.
    public static let flowFailed = SIPStatus(code: 430)
    /// 433 Anonymity Disallowed.
    public static let anonymityDisallowed = SIPStatus(code: 433)
    /// 436 Bad Identity-Info.
    public static let badIdentityInfo = SIPStatus(code: 436)
    /// 437 Unsupported Certificate.
    public static let unsupportedCertificate = SIPStatus(code: 437)
    /// 438 Invalid Identity Header.
    public static let invalidIdentityHeader = SIPStatus(code: 438)
    /// 439 First Hop Lacks Outbound Support.
    public static let firstHopLacksOutboundSupport = SIPStatus(code: 439)
    /// 440 Max-Breadth Exceeded.
    public static let maxBreadthExceeded = SIPStatus(code: 440)
    /// 469 Bad Info Package.
    public static let badInfoPackage = SIPStatus(code: 469)
    /// 470 Consent Needed.
    public static let consentNeeded = SIPStatus(code: 470)
    /// 480 Temporarily Unavailable.
    public static let temporarilyUnavailable = SIPStatus(code: 480)
    /// 481 Call/Transaction Does Not Exist.
    public static let callOrTransactionDoesNotExist = SIPStatus(code: 481)
    /// 482 Loop Detected.
    public static let loopDetected = SIPStatus(code: 482)
    /// 483 Too Many Hops.
    public static let tooManyHops = SIPStatus(code: 483)
    /// 484 Address Incomplete.
    public static let addressIncomplete = SIPStatus(code: 484)
    /// 485 Ambiguous.
    public static let ambiguous = SIPStatus(code: 485)
    /// 486 Busy Here.
    public static let busyHere = SIPStatus(code: 486)
    /// 487 Request Terminated.
    public static let requestTerminated = SIPStatus(code: 487)
    /// 488 Not Acceptable Here.
    public static let notAcceptableHere = SIPStatus(code: 488)
    /// 489 Bad Event.
    public static let badEvent = SIPStatus(code: 489)
    /// 491 Request Pending.
    public static let requestPending = SIPStatus(code: 491)
    /// 493 Undecipherable.
    public static let undecipherable = SIPStatus(code: 493)
    /// 494 Security Agreement Required.
    public static let securityAgreementRequired = SIPStatus(code: 494)
    /// 500 Server Internal Error.
    public static let serverInternalError = SIPStatus(code: 500)
    /// 501 Not Implemented.
    public static let notImplemented = SIPStatus(code: 501)
    /// 502 Bad Gateway.
    public static let badGateway = SIPStatus(code: 502)
    /// 503 Service Unavailable.
    public static let serviceUnavailable = SIPStatus(code: 503)
    /// 504 Server Time-out.
    public static let serverTimeout = SIPStatus(code: 504)
    /// 505 Version Not Supported.
    public static let versionNotSupported = SIPStatus(code: 505)
    /// 513 Message Too Large.
    public static let messageTooLarge = SIPStatus(code: 513)
    /// 555 Push Notification Service Not Supported.
    public static let pushNotificationServiceNotSupported = SIPStatus(code: 555)
    /// 580 Precondition Failure.
    public static let preconditionFailure = SIPStatus(code: 580)
    /// 600 Busy Everywhere.
    public static let busyEverywhere = SIPStatus(code: 600)
    /// 603 Decline.
    public static let decline = SIPStatus(code: 603)
    /// 604 Does Not Exist Anywhere.
    public static let doesNotExistAnywhere = SIPStatus(code: 604)
    /// 606 Not Acceptable.
    public static let notAcceptableAnywhere = SIPStatus(code: 606)
    /// 607 Unwanted.
    public static let unwanted = SIPStatus(code: 607)
    /// 608 Rejected.
    public static let rejected = SIPStatus(code: 608)
}
