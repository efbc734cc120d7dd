// SMPP PDUs on the wire: what Kefu writes can be read back, known byte layouts match the
// specification, malformed input is refused with the field named, long and Chinese texts are
// split as phones expect, and receipts are understood in both customary forms.

import CallCenter
import NIOCore
import Testing

@Suite struct SMPPCodingTests {
    @Test("enquire_link is the 16-byte header the specification gives")
    func enquireLinkBytes() {
        let bytes = SMPPPDU(.enquireLink, sequence: 7).bytes
        #expect(Array(bytes.readableBytesView) == [0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 7])
    }

    @Test("a bind and a submit_sm read back as written")
    func roundTrip() throws {
        var bind = SMPPBind(systemID: "kefu", password: "secret", systemType: "CC")
        bind.addressRange = "^400"
        var message = SMPPShortMessagePDU()
        message.sourceAddress = "4001234567"
        message.destinationAddress = "13800138000"
        message.dataCoding = SMPPMessageText.ucs2
        message.registeredDelivery = 1
        message.shortMessage = Array("您好".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        message.tlvs = [SMPPTLV(tag: 0x0424, value: [1, 2, 3])]
        for pdu in [SMPPPDU(.bindTransceiver, sequence: 1, body: .bind(bind)),
                    SMPPPDU(.submitSM, sequence: 2, body: .shortMessage(message)),
                    SMPPPDU(.submitSMResp, sequence: 2, body: .messageResponse(messageID: "M000001"))] {
            #expect(try SMPPPDU.decode(pdu.bytes) == pdu)
        }
    }

    @Test("an error response without a body is read, as SMPP allows")
    func bodilessErrorResponse() throws {
        var buffer = ByteBuffer()
        for word: UInt32 in [16, 0x8000_0004, 0x0B, 9] { buffer.writeInteger(word) }
        let pdu = try SMPPPDU.decode(buffer)
        #expect(pdu.command == .submitSMResp && pdu.status == 0x0B && pdu.sequence == 9)
    }

    @Test("malformed PDUs are refused with the field that is wrong", arguments: [
        ([0, 0, 0, 20, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 1] as [UInt8], "command_length 20"),
        ([0, 0, 0, 16, 0, 0, 0, 0x63, 0, 0, 0, 0, 0, 0, 0, 1], "command_id 0x63"),
        ([0, 0, 0, 20, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 1, 0x6B, 0x65, 0x66, 0x75], "system_id is not terminated"),
        ([0, 0, 0, 18, 0, 0, 0, 0x04, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], "source_addr_npi is missing"),
    ])
    func malformed(bytes: [UInt8], expected: String) {
        #expect {
            _ = try SMPPPDU.decode(ByteBuffer(bytes: bytes))
        } throws: { error in
            (error as? SMPPDecodingError)?.message.contains(expected) == true
        }
    }

    @Test("ASCII up to 160 characters is one message; longer texts go in parts of 153 with a header")
    func asciiSegments() {
        #expect(SMPPMessageText.segments(String(repeating: "a", count: 160), reference: 1).count == 1)
        let parts = SMPPMessageText.segments(String(repeating: "b", count: 161), reference: 9)
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.esmClass == 0x40 && $0.dataCoding == SMPPMessageText.defaultAlphabet })
        #expect(parts[0].octets.prefix(6) == [5, 0, 3, 9, 2, 1])
        #expect(parts[1].octets.prefix(6) == [5, 0, 3, 9, 2, 2])
        #expect(parts[0].octets.count - 6 == 153 && parts[1].octets.count - 6 == 8)
    }

    @Test("Chinese text is UCS-2: 70 characters in one message, 67 per part beyond, pairs never split")
    func chineseSegments() {
        let one = SMPPMessageText.segments(String(repeating: "客", count: 70), reference: 1)
        #expect(one.count == 1 && one[0].dataCoding == SMPPMessageText.ucs2 && one[0].octets.count == 140)
        let text = String(repeating: "服", count: 66) + "😀" + "务务务"
        let parts = SMPPMessageText.segments(text, reference: 2)
        #expect(parts.count == 2)
        let rejoined = parts.map { SMPPMessageText.decode(Array($0.octets.dropFirst(6)), dataCoding: SMPPMessageText.ucs2) }.joined()
        #expect(rejoined == text)
        #expect(parts[0].octets.count - 6 == 66 * 2, "the emoji's surrogate pair moves whole to the second part")
    }

    @Test("a receipt is read from its text form and from its TLVs")
    func receipts() {
        var message = SMPPShortMessagePDU()
        message.esmClass = 0x04
        message.shortMessage = Array("id:M42 sub:001 dlvr:001 submit date:2611211200 done date:2611211201 stat:UNDELIV err:001 text:hi".utf8)
        let fromText = SMPPDeliveryReceipt(message)
        #expect(fromText == SMPPDeliveryReceipt(messageID: "M42", state: "UNDELIV", error: "001"))
        message.tlvs = [SMPPTLV(tag: SMPPTLV.receiptedMessageID, value: Array("M43".utf8) + [0]),
                        SMPPTLV(tag: SMPPTLV.messageState, value: [2])]
        let fromTLV = SMPPDeliveryReceipt(message)
        #expect(fromTLV?.messageID == "M43" && fromTLV?.delivered == true)
        message.esmClass = 0
        #expect(SMPPDeliveryReceipt(message) == nil, "an ordinary inbound message is not a receipt")
    }
}
