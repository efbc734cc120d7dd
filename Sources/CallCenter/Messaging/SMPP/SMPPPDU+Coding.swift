// The wire form of SMPP PDUs (SMPP 3.4 §3.2, §4): a 16-byte header (length, command id,
// status, sequence), then C-octet strings, single octets and TLVs.

import NIOCore

/// Why bytes are not a valid PDU.
public struct SMPPDecodingError: Error, Hashable, CustomStringConvertible {
    /// What is wrong, naming the field.
    public var message: String
    /// The status to answer with in a `generic_nack`.
    public var status: UInt32

    /// An error about `message`.
    public init(_ message: String, status: UInt32 = SMPPStatus.invalidCommandLength) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}

extension SMPPPDU {
    /// The largest PDU accepted (a long `deliver_sm` with TLVs fits easily).
    public static let maximumLength = 64 * 1024

    /// Writes the PDU, header included.
    public func encode(into buffer: inout ByteBuffer) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(command.rawValue)
        buffer.writeInteger(status)
        buffer.writeInteger(sequence)
        switch body {
        case .bind(let bind):
            buffer.writeCString(bind.systemID)
            buffer.writeCString(bind.password)
            buffer.writeCString(bind.systemType)
            buffer.writeInteger(bind.interfaceVersion)
            buffer.writeInteger(bind.addressTON)
            buffer.writeInteger(bind.addressNPI)
            buffer.writeCString(bind.addressRange)
        case .bindResponse(let systemID):
            buffer.writeCString(systemID)
        case .messageResponse(let messageID):
            buffer.writeCString(messageID)
        case .shortMessage(let message):
            message.encode(into: &buffer)
        case .empty:
            break
        }
        buffer.setInteger(UInt32(buffer.writerIndex - start), at: start)
    }

    /// The PDU's bytes.
    public var bytes: ByteBuffer {
        var buffer = ByteBuffer()
        encode(into: &buffer)
        return buffer
    }

    /// Reads one whole PDU from `frame` (exactly `command_length` bytes).
    public static func decode(_ frame: ByteBuffer) throws(SMPPDecodingError) -> SMPPPDU {
        var buffer = frame
        guard let length = buffer.readInteger(as: UInt32.self), let rawCommand = buffer.readInteger(as: UInt32.self),
              let status = buffer.readInteger(as: UInt32.self), let sequence = buffer.readInteger(as: UInt32.self)
        else { throw SMPPDecodingError("the header is shorter than 16 bytes") }
        guard Int(length) == frame.readableBytes else {
            throw SMPPDecodingError("command_length \(length) does not match the \(frame.readableBytes) bytes received")
        }
        guard let command = SMPPCommandID(rawValue: rawCommand) else {
            throw SMPPDecodingError("command_id 0x\(String(rawCommand, radix: 16)) is not supported", status: SMPPStatus.invalidCommandID)
        }
        // Error responses may carry no body (§3.3).
        if command.isResponse, status != SMPPStatus.ok, buffer.readableBytes == 0 {
            return SMPPPDU(command, status: status, sequence: sequence)
        }
        let body: Body
        switch command {
        case .bindReceiver, .bindTransmitter, .bindTransceiver:
            var bind = SMPPBind(systemID: try buffer.cString("system_id"), password: try buffer.cString("password"),
                                systemType: try buffer.cString("system_type"))
            bind.interfaceVersion = try buffer.octet("interface_version")
            bind.addressTON = try buffer.octet("addr_ton")
            bind.addressNPI = try buffer.octet("addr_npi")
            bind.addressRange = try buffer.cString("address_range")
            body = .bind(bind)
        case .bindReceiverResp, .bindTransmitterResp, .bindTransceiverResp:
            body = .bindResponse(systemID: buffer.readableBytes == 0 ? "" : try buffer.cString("system_id"))
        case .submitSM, .deliverSM:
            body = .shortMessage(try SMPPShortMessagePDU.decode(from: &buffer))
        case .submitSMResp, .deliverSMResp:
            body = .messageResponse(messageID: buffer.readableBytes == 0 ? "" : try buffer.cString("message_id"))
        case .enquireLink, .enquireLinkResp, .unbind, .unbindResp, .genericNack:
            body = .empty
        }
        return SMPPPDU(command, status: status, sequence: sequence, body: body)
    }
}

extension SMPPShortMessagePDU {
    func encode(into buffer: inout ByteBuffer) {
        buffer.writeCString(serviceType)
        buffer.writeInteger(sourceTON)
        buffer.writeInteger(sourceNPI)
        buffer.writeCString(sourceAddress)
        buffer.writeInteger(destinationTON)
        buffer.writeInteger(destinationNPI)
        buffer.writeCString(destinationAddress)
        for octet in [esmClass, protocolID, priorityFlag] { buffer.writeInteger(octet) }
        buffer.writeCString(scheduleDeliveryTime)
        buffer.writeCString(validityPeriod)
        for octet in [registeredDelivery, replaceIfPresent, dataCoding, defaultMessageID] { buffer.writeInteger(octet) }
        buffer.writeInteger(UInt8(min(shortMessage.count, 254)))
        buffer.writeBytes(shortMessage.prefix(254))
        for tlv in tlvs {
            buffer.writeInteger(tlv.tag)
            buffer.writeInteger(UInt16(tlv.value.count))
            buffer.writeBytes(tlv.value)
        }
    }

    static func decode(from buffer: inout ByteBuffer) throws(SMPPDecodingError) -> SMPPShortMessagePDU {
        var message = SMPPShortMessagePDU()
        message.serviceType = try buffer.cString("service_type")
        message.sourceTON = try buffer.octet("source_addr_ton")
        message.sourceNPI = try buffer.octet("source_addr_npi")
        message.sourceAddress = try buffer.cString("source_addr")
        message.destinationTON = try buffer.octet("dest_addr_ton")
        message.destinationNPI = try buffer.octet("dest_addr_npi")
        message.destinationAddress = try buffer.cString("destination_addr")
        message.esmClass = try buffer.octet("esm_class")
        message.protocolID = try buffer.octet("protocol_id")
        message.priorityFlag = try buffer.octet("priority_flag")
        message.scheduleDeliveryTime = try buffer.cString("schedule_delivery_time")
        message.validityPeriod = try buffer.cString("validity_period")
        message.registeredDelivery = try buffer.octet("registered_delivery")
        message.replaceIfPresent = try buffer.octet("replace_if_present_flag")
        message.dataCoding = try buffer.octet("data_coding")
        message.defaultMessageID = try buffer.octet("sm_default_msg_id")
        let length = Int(try buffer.octet("sm_length"))
        guard let bytes = buffer.readBytes(length: length) else {
            throw SMPPDecodingError("short_message is shorter than its sm_length \(length)")
        }
        message.shortMessage = bytes
        while buffer.readableBytes > 0 {
            guard let tag = buffer.readInteger(as: UInt16.self), let size = buffer.readInteger(as: UInt16.self),
                  let value = buffer.readBytes(length: Int(size))
            else { throw SMPPDecodingError("an optional parameter (TLV) is truncated") }
            message.tlvs.append(SMPPTLV(tag: tag, value: value))
        }
        return message
    }
}

extension ByteBuffer {
    mutating func writeCString(_ string: String) {
        writeString(string)
        writeInteger(UInt8(0))
    }

    mutating func cString(_ field: String) throws(SMPPDecodingError) -> String {
        guard let end = readableBytesView.firstIndex(of: 0) else {
            throw SMPPDecodingError("\(field) is not terminated by a NUL octet")
        }
        let length = end - readableBytesView.startIndex
        let text = readString(length: length) ?? ""
        moveReaderIndex(forwardBy: 1)
        return text
    }

    mutating func octet(_ field: String) throws(SMPPDecodingError) -> UInt8 {
        guard let value = readInteger(as: UInt8.self) else { throw SMPPDecodingError("\(field) is missing") }
        return value
    }
}
