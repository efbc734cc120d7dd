"""Free loopback ports for the browser tests: ask the kernel, never guess."""

import random
import socket


def free_port() -> int:
    """A port on 127.0.0.1 the kernel just handed out for UDP that TCP can bind too."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                    tcp.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port after 50 tries")


def free_rtp_range(count: int = 200) -> tuple[int, int]:
    """An even-based UDP range of `count` ports whose even ports were all free just now."""
    for _ in range(40):
        base = random.randint(20_000, 29_000) & ~1
        ok = True
        for port in range(base, base + count, 2):
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base, base + count - 1
    raise RuntimeError("no free RTP range")


class RTPSink:
    """A UDP socket an SDP can name as its media address; it swallows what kefu sends."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    def close(self):
        self.socket.close()
