// Delivery receipts: the SMSC's `deliver_sm` saying what became of a message, read from the
// receipt TLVs when present and from the customary text form
// ("id:… sub:001 dlvr:001 submit date:… done date:… stat:DELIVRD err:000 text:…") otherwise.

import Foundation

/// What became of a submitted message.
public struct SMPPDeliveryReceipt: Hashable, Sendable {
    /// The SMSC's id of the message (as `submit_sm_resp` gave it).
    public var messageID: String
    /// The final state word: `DELIVRD`, `EXPIRED`, `DELETED`, `UNDELIV`, `ACCEPTD`, `UNKNOWN`, `REJECTD`.
    public var state: String
    /// The network error code, when the SMSC gave one.
    public var error: String?

    /// Whether the message reached the phone.
    public var delivered: Bool { state == "DELIVRD" }

    /// The receipt carried by `message`, or nil when it is not a well-formed receipt.
    public init?(_ message: SMPPShortMessagePDU) {
        guard message.isDeliveryReceipt else { return nil }
        let text = SMPPMessageText.decode(message.shortMessage, dataCoding: message.dataCoding)
        let fields = Self.fields(text)
        let tlvID = message.tlv(SMPPTLV.receiptedMessageID).map { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let id = tlvID ?? fields["id"], !id.isEmpty else { return nil }
        messageID = id
        if let stateOctet = message.tlv(SMPPTLV.messageState)?.first {
            state = Self.stateWords[stateOctet] ?? fields["stat"] ?? "UNKNOWN"
        } else {
            state = fields["stat"] ?? "UNKNOWN"
        }
        error = fields["err"]
    }

    /// A receipt from its parts.
    public init(messageID: String, state: String, error: String? = nil) {
        self.messageID = messageID
        self.state = state
        self.error = error
    }

    /// `message_state` values (§5.2.28).
    static let stateWords: [UInt8: String] = [
        1: "ENROUTE", 2: "DELIVRD", 3: "EXPIRED", 4: "DELETED", 5: "UNDELIV", 6: "ACCEPTD", 7: "UNKNOWN", 8: "REJECTD",
    ]

    /// `key:value` pairs of the text form; "submit date" and "done date" keep their spaces.
    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        let normalized = text.replacingOccurrences(of: "submit date:", with: "submit_date:")
            .replacingOccurrences(of: "done date:", with: "done_date:")
        for word in normalized.split(separator: " ") {
            guard let colon = word.firstIndex(of: ":") else { continue }
            let key = word[..<colon].lowercased()
            guard key != "text", fields[key] == nil else { continue }
            fields[key] = String(word[word.index(after: colon)...])
        }
        return fields
    }
}
