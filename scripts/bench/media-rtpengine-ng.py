#!/usr/bin/env python3
"""Sets up N bridged calls on rtpengine over its ng control protocol (bencode over UDP), for
scripts/bench/media-bridge.sh. Every caller's SDP names 127.0.0.1:CALLER_PORT and every agent's
127.0.0.1:AGENT_PORT (the load generator's two sockets). Prints one line per call: the rtpengine
port the caller must send to, then the one the agent must send to.

usage: media-rtpengine-ng.py CALLS CALLER_PORT AGENT_PORT [NG_PORT] [delete]
"""
import random
import re
import socket
import sys


def bencode(value):
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        return b"d" + b"".join(bencode(k) + bencode(value[k]) for k in sorted(value)) + b"e"
    raise TypeError(type(value))


def bdecode(data, i=0):
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1:end]), end + 1
    if c == b"l":
        i += 1
        items = []
        while data[i:i + 1] != b"e":
            item, i = bdecode(data, i)
            items.append(item)
        return items, i + 1
    if c == b"d":
        i += 1
        result = {}
        while data[i:i + 1] != b"e":
            key, i = bdecode(data, i)
            result[key.decode()], i = bdecode(data, i)
        return result, i + 1
    colon = data.index(b":", i)
    length = int(data[i:colon])
    return data[colon + 1:colon + 1 + length], colon + 1 + length


class NG:
    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(5)
        self.address = ("127.0.0.1", port)

    def call(self, command):
        cookie = "%08x" % random.getrandbits(32)
        self.sock.sendto(cookie.encode() + b" " + bencode(command), self.address)
        while True:
            data, _ = self.sock.recvfrom(65536)
            got, _, body = data.partition(b" ")
            if got.decode() == cookie:
                reply, _ = bdecode(body)
                if reply.get("result") != b"ok":
                    raise SystemExit("rtpengine refused %s: %r" % (command["command"], reply))
                return reply


def sdp(port):
    return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n" % port)


def media_port(description):
    return int(re.search(rb"m=audio (\d+)", description).group(1))


def main():
    calls, caller_port, agent_port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    ng = NG(int(sys.argv[4]) if len(sys.argv) > 4 else 22222)
    if len(sys.argv) > 5 and sys.argv[5] == "delete":
        for i in range(calls):
            ng.call({"command": "delete", "call-id": "bench-%d" % i, "from-tag": "caller-%d" % i})
        return
    for i in range(calls):
        offer = ng.call({"command": "offer", "call-id": "bench-%d" % i, "from-tag": "caller-%d" % i,
                         "sdp": sdp(caller_port), "replace": ["origin", "session-connection"]})
        answer = ng.call({"command": "answer", "call-id": "bench-%d" % i, "from-tag": "caller-%d" % i,
                          "to-tag": "agent-%d" % i, "sdp": sdp(agent_port),
                          "replace": ["origin", "session-connection"]})
        print(media_port(answer["sdp"]), media_port(offer["sdp"]))


if __name__ == "__main__":
    main()
