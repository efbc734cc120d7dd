#!/usr/bin/env python3
"""A small SMSC for Kefu's SMPP tests, written from SMPP 3.4 independently of Kefu's client.

It accepts bind_transceiver (checking the account), answers submit_sm with a message id and
then sends a delivery receipt (deliver_sm, esm_class 0x04, with the receipt TLVs), answers
enquire_link and unbind, and can drop the first connection after N submits to exercise the
client's reconnect. Every event is printed as one JSON line on stdout, which tests read.
Destinations starting with "000" are refused (status 0x0B, invalid destination address).
"""
import argparse
import asyncio
import json
import struct
import sys

BIND_TRX, BIND_TRX_RESP = 0x00000009, 0x80000009
SUBMIT_SM, SUBMIT_SM_RESP = 0x00000004, 0x80000004
DELIVER_SM, DELIVER_SM_RESP = 0x00000005, 0x80000005
ENQUIRE_LINK, ENQUIRE_LINK_RESP = 0x00000015, 0x80000015
UNBIND, UNBIND_RESP = 0x00000006, 0x80000006
GENERIC_NACK = 0x80000000


def emit(**event):
    print(json.dumps(event), flush=True)


def pdu(command, status, sequence, body=b""):
    return struct.pack(">IIII", 16 + len(body), command, status, sequence) + body


def cstrings(data, count):
    out, rest = [], data
    for _ in range(count):
        end = rest.index(b"\0")
        out.append(rest[:end].decode("latin-1"))
        rest = rest[end + 1:]
    return out, rest


def parse_submit(body):
    (service_type,), rest = cstrings(body, 1)
    src_ton, src_npi = rest[0], rest[1]
    (source,), rest = cstrings(rest[2:], 1)
    dst_ton, dst_npi = rest[0], rest[1]
    (destination,), rest = cstrings(rest[2:], 1)
    esm_class, _protocol, _priority = rest[0], rest[1], rest[2]
    (_schedule, _validity), rest = cstrings(rest[3:], 2)
    registered, _replace, coding, _default, length = rest[0], rest[1], rest[2], rest[3], rest[4]
    message = rest[5:5 + length]
    return dict(source=source, destination=destination, esm_class=esm_class, data_coding=coding,
                registered_delivery=registered, message_hex=message.hex())


class Connection:
    def __init__(self, server, reader, writer, number):
        self.server, self.reader, self.writer, self.number = server, reader, writer, number
        self.sequence = 0
        self.submits = 0

    async def send(self, data):
        self.writer.write(data)
        await self.writer.drain()

    async def receipt(self, message_id, destination):
        await asyncio.sleep(self.server.args.receipt_delay / 1000)
        self.sequence += 1
        text = (f"id:{message_id} sub:001 dlvr:001 submit date:2611211200 done date:2611211200 "
                f"stat:DELIVRD err:000 text:").encode()
        body = b"\0" + bytes([1, 1]) + destination.encode() + b"\0" + bytes([0, 0]) + b"\0"
        body += bytes([0x04, 0, 0]) + b"\0" + b"\0" + bytes([0, 0, 0, 0, len(text)]) + text
        body += struct.pack(">HH", 0x001E, len(message_id) + 1) + message_id.encode() + b"\0"
        body += struct.pack(">HHB", 0x0427, 1, 2)
        try:
            await self.send(pdu(DELIVER_SM, 0, self.sequence, body))
            emit(event="receipt", connection=self.number, id=message_id)
        except ConnectionError:
            pass

    async def serve(self):
        emit(event="connected", connection=self.number)
        try:
            while True:
                header = await self.reader.readexactly(16)
                length, command, status, sequence = struct.unpack(">IIII", header)
                body = await self.reader.readexactly(length - 16)
                if command == BIND_TRX:
                    (system_id, password, _type), _ = cstrings(body, 3)
                    ok = system_id == self.server.args.system_id and password == self.server.args.password
                    emit(event="bind", connection=self.number, system_id=system_id, ok=ok)
                    await self.send(pdu(BIND_TRX_RESP, 0 if ok else 0x0E, sequence, b"test-smsc\0"))
                    if not ok:
                        break
                elif command == SUBMIT_SM:
                    self.submits += 1
                    fields = parse_submit(body)
                    if fields["destination"].startswith("000"):
                        emit(event="refused", connection=self.number, **fields)
                        await self.send(pdu(SUBMIT_SM_RESP, 0x0B, sequence))
                        continue
                    self.server.counter += 1
                    message_id = f"M{self.server.counter:06d}"
                    emit(event="submit", connection=self.number, id=message_id, **fields)
                    await self.send(pdu(SUBMIT_SM_RESP, 0, sequence, message_id.encode() + b"\0"))
                    if fields["registered_delivery"] & 1:
                        asyncio.ensure_future(self.receipt(message_id, fields["destination"]))
                    if self.number == 1 and self.submits == self.server.args.drop_after:
                        emit(event="dropped", connection=self.number)
                        break
                elif command == ENQUIRE_LINK:
                    emit(event="enquire_link", connection=self.number)
                    await self.send(pdu(ENQUIRE_LINK_RESP, 0, sequence))
                elif command == DELIVER_SM_RESP:
                    emit(event="deliver_sm_resp", connection=self.number, status=status)
                elif command == UNBIND:
                    emit(event="unbind", connection=self.number)
                    await self.send(pdu(UNBIND_RESP, 0, sequence))
                    break
                else:
                    await self.send(pdu(GENERIC_NACK, 0x03, sequence))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            emit(event="closed", connection=self.number)
            self.writer.close()


class Server:
    def __init__(self, args):
        self.args, self.counter, self.connections = args, 0, 0

    async def accept(self, reader, writer):
        self.connections += 1
        await Connection(self, reader, writer, self.connections).serve()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--system-id", default="kefu")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--drop-after", type=int, default=0, help="close the first connection after N submits")
    parser.add_argument("--receipt-delay", type=int, default=50, help="milliseconds before a receipt")
    parser.add_argument("--lifetime", type=int, default=300, help="seconds before the SMSC exits on its own")
    args = parser.parse_args()
    server = Server(args)
    listener = await asyncio.start_server(server.accept, "127.0.0.1", args.port)
    emit(event="listening", port=listener.sockets[0].getsockname()[1])
    await asyncio.sleep(args.lifetime)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
