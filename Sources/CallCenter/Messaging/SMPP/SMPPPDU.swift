// The protocol data units of SMPP 3.4 that an ESME (our side) exchanges with an SMSC: the
// header fields, the command ids, and the bodies Kefu sends or must answer.

/// SMPP 3.4 command ids (§5.1.2.1); a response is its request's id with the high bit set.
public enum SMPPCommandID: UInt32, Sendable, CaseIterable {
    case genericNack = 0x8000_0000
    case bindReceiver = 0x0000_0001
    case bindReceiverResp = 0x8000_0001
    case bindTransmitter = 0x0000_0002
    case bindTransmitterResp = 0x8000_0002
    case submitSM = 0x0000_0004
    case submitSMResp = 0x8000_0004
    case deliverSM = 0x0000_0005
    case deliverSMResp = 0x8000_0005
    case unbind = 0x0000_0006
    case unbindResp = 0x8000_0006
    case bindTransceiver = 0x0000_0009
    case bindTransceiverResp = 0x8000_0009
    case enquireLink = 0x0000_0015
    case enquireLinkResp = 0x8000_0015

    /// Whether this is a response (the high bit).
    public var isResponse: Bool { rawValue & 0x8000_0000 != 0 }
}

/// A few `command_status` values (§5.1.3) Kefu acts on; any other value is kept as a number.
public enum SMPPStatus {
    /// No error.
    public static let ok: UInt32 = 0x0000_0000
    /// Invalid command length.
    public static let invalidCommandLength: UInt32 = 0x0000_0002
    /// Invalid command id.
    public static let invalidCommandID: UInt32 = 0x0000_0003
    /// Bind failed.
    public static let bindFailed: UInt32 = 0x0000_000D
    /// Invalid password.
    public static let invalidPassword: UInt32 = 0x0000_000E
    /// Message queue full (retry later).
    public static let messageQueueFull: UInt32 = 0x0000_0014
    /// Throttling error: the ESME exceeded its allowed rate (retry later).
    public static let throttled: UInt32 = 0x0000_0058
    /// System error.
    public static let systemError: UInt32 = 0x0000_0008

    /// Whether a submit refused with `status` is worth retrying later.
    public static func isTransient(_ status: UInt32) -> Bool {
        status == messageQueueFull || status == throttled || status == systemError
    }
}

/// An optional parameter (TLV, §5.3): tag, value bytes.
public struct SMPPTLV: Hashable, Sendable {
    /// The tag.
    public var tag: UInt16
    /// The value's bytes.
    public var value: [UInt8]

    /// A parameter.
    public init(tag: UInt16, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// `receipted_message_id`: the SMSC's id of the message a receipt is about.
    public static let receiptedMessageID: UInt16 = 0x001E
    /// `message_state` of a receipt (2 = delivered, 5 = undeliverable, ...).
    public static let messageState: UInt16 = 0x0427
}

/// The body of `submit_sm` and `deliver_sm` (§4.4.1, §4.6.1), which share one layout.
public struct SMPPShortMessagePDU: Hashable, Sendable {
    public var serviceType: String = ""
    public var sourceTON: UInt8 = 0
    public var sourceNPI: UInt8 = 0
    public var sourceAddress: String = ""
    public var destinationTON: UInt8 = 1
    public var destinationNPI: UInt8 = 1
    public var destinationAddress: String = ""
    /// `esm_class`: 0x40 = the message starts with a user data header; 0x04 = delivery receipt.
    public var esmClass: UInt8 = 0
    public var protocolID: UInt8 = 0
    public var priorityFlag: UInt8 = 0
    public var scheduleDeliveryTime: String = ""
    public var validityPeriod: String = ""
    /// `registered_delivery`: 1 asks for a receipt on final outcome.
    public var registeredDelivery: UInt8 = 0
    public var replaceIfPresent: UInt8 = 0
    /// `data_coding`: 0 SMSC default alphabet, 8 UCS-2.
    public var dataCoding: UInt8 = 0
    public var defaultMessageID: UInt8 = 0
    /// The message's octets (at most 254).
    public var shortMessage: [UInt8] = []
    /// Optional parameters.
    public var tlvs: [SMPPTLV] = []

    /// A message with every field at its default.
    public init() {}

    /// Whether `esm_class` marks this as a delivery receipt (SMSC delivery receipt type).
    public var isDeliveryReceipt: Bool { esmClass & 0x3C == 0x04 }

    /// The first optional parameter with `tag`.
    public func tlv(_ tag: UInt16) -> [UInt8]? { tlvs.first { $0.tag == tag }?.value }
}

/// The body of a bind request (§4.1.1).
public struct SMPPBind: Hashable, Sendable {
    /// The ESME's account (at most 15 characters).
    public var systemID: String
    /// Its password (at most 8 characters).
    public var password: String
    /// The system type (at most 12 characters), often empty.
    public var systemType: String
    /// `interface_version`, 0x34 for SMPP 3.4.
    public var interfaceVersion: UInt8 = 0x34
    public var addressTON: UInt8 = 0
    public var addressNPI: UInt8 = 0
    public var addressRange: String = ""

    /// A bind with the given credentials.
    public init(systemID: String, password: String, systemType: String = "") {
        self.systemID = systemID
        self.password = password
        self.systemType = systemType
    }
}

/// One PDU: the header's command, status and sequence number, and the body.
public struct SMPPPDU: Hashable, Sendable {
    /// What the body is.
    public enum Body: Hashable, Sendable {
        /// `bind_transmitter` / `bind_receiver` / `bind_transceiver`.
        case bind(SMPPBind)
        /// A bind response with the SMSC's system id.
        case bindResponse(systemID: String)
        /// `submit_sm` or `deliver_sm`.
        case shortMessage(SMPPShortMessagePDU)
        /// `submit_sm_resp` / `deliver_sm_resp` with the message id (empty in deliver_sm_resp).
        case messageResponse(messageID: String)
        /// No body (`enquire_link`, `unbind`, their responses, `generic_nack`, error responses).
        case empty
    }

    /// The command.
    public var command: SMPPCommandID
    /// `command_status`: 0 in requests; the outcome in responses.
    public var status: UInt32
    /// `sequence_number`, which pairs a response with its request.
    public var sequence: UInt32
    /// The body.
    public var body: Body

    /// A PDU.
    public init(_ command: SMPPCommandID, status: UInt32 = SMPPStatus.ok, sequence: UInt32, body: Body = .empty) {
        self.command = command
        self.status = status
        self.sequence = sequence
        self.body = body
    }
}
