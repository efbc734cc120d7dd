"""SIPp callers and agent phones for the browser tests, on 127.0.0.1 with bounded time.

The scenarios in ./sipp are the end-to-end tests' (Tests/CallCenterTests/Fixtures/sipp) with
`{{name}}` placeholders for what SIPp cannot take as a variable; media goes to an RTPSink."""

import pathlib
import subprocess
import time

from ports import RTPSink, free_port, free_rtp_range

SCENARIOS = pathlib.Path(__file__).resolve().parent / "sipp"
SIPP = "/usr/bin/sipp"


def fill(name: str, **values) -> str:
    """The scenario's text with each `{{key}}` replaced; fails when one is left."""
    text = (SCENARIOS / name).read_text(encoding="iso-8859-1")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", str(value))
    if "{{" in text:
        raise AssertionError(f"scenario {name} has an unfilled placeholder near {text[text.index('{{'):][:30]!r}")
    return text


class SippParty:
    """One SIPp process in the background with its files in a folder of its own."""

    def __init__(self, name: str, directory: pathlib.Path, scenario: str, arguments: list[str],
                 time_limit: int = 120, files: dict[str, str] | None = None):
        self.name = name
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "scenario.xml").write_text(scenario, encoding="iso-8859-1")
        for file, text in (files or {}).items():
            (directory / file).write_text(text, encoding="utf-8")
        self.sip_port = free_port()
        self.sink = RTPSink()
        low, _ = free_rtp_range(4)
        self.arguments = [SIPP, "-sf", str(directory / "scenario.xml")] + [
            argument.replace("{dir}", str(directory)).replace("{rtp}", str(self.sink.port)) for argument in arguments
        ] + ["-i", "127.0.0.1", "-p", str(self.sip_port), "-mp", str(low), "-nostdin",
             "-timeout", f"{time_limit}s", "-timeout_error", "-trace_stat", "-stf", str(directory / "stat.csv"), "-fd", "1",
             "-trace_err", "-error_file", str(directory / "errors.log"),
             "-trace_msg", "-message_file", str(directory / "messages.log")]
        self._output = open(directory / "output.txt", "wb")
        self.process = subprocess.Popen(self.arguments, cwd=directory, stdout=self._output, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)

    def wait(self, timeout: float) -> int | None:
        """Waits for SIPp to end by itself; its exit status, or None when it still runs."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> int:
        """Stops SIPp now (SIGTERM, then SIGKILL) and closes the media sink."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._output.close()
        self.sink.close()
        return self.process.returncode

    def messages(self) -> str:
        path = self.directory / "messages.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def log_tail(self, characters: int = 3000) -> str:
        def read(file):
            path = self.directory / file
            return path.read_text(errors="replace")[-characters:] if path.exists() else ""
        return f"--- {self.name}: output ---\n{read('output.txt')}\n--- errors ---\n{read('errors.log')}\n--- messages ---\n{read('messages.log')}"


class SippAgentPhone:
    """An agent's softphone: a SIPp UAS that rings and answers kefu's offers after 300 ms and
    waits for BYE, registered (digest auth) as the extension's Contact."""

    def __init__(self, directory: pathlib.Path, kefu_sip_port: int, extension: str, password: str,
                 domain: str = "demo.kefu.local"):
        self.directory = directory
        self.kefu = f"127.0.0.1:{kefu_sip_port}"
        self.extension = extension
        self.password = password
        self.domain = domain
        self.phone = SippParty(
            f"agent {extension}", directory / f"agent-{extension}", fill("agent-answer.xml", answer_ms=300),
            [self.kefu, "-m", "100", "-aa", "-set", "ext", extension, "-set", "domain", domain, "-set", "rtp_port", "{rtp}"],
            time_limit=600)

    def register(self, expires: int = 3600):
        """REGISTER (401, then with credentials, 200) naming the answering port as Contact."""
        credentials = f"SEQUENTIAL\n{self.extension};[authentication username={self.extension} password={self.password}];\n"
        run = SippParty(
            f"register {self.extension}", self.directory / f"register-{self.extension}", fill("agent-register.xml"),
            [self.kefu, "-inf", "{dir}/users.csv", "-m", "1", "-set", "domain", self.domain,
             "-set", "contact_port", str(self.phone.sip_port), "-set", "expires", str(expires)],
            time_limit=20, files={"users.csv": credentials})
        status = run.wait(30)
        tail = run.log_tail()
        run.stop()
        assert status == 0, f"agent {self.extension} could not register (sipp exit {status})\n{tail}"

    def stop(self):
        self.phone.stop()


class SippCaller:
    """A caller dialling the access number. With `hangs_up_after` the caller hangs up that
    many seconds after the answer; without, they stay until kefu hangs up (at most `talk_seconds`)."""

    def __init__(self, directory: pathlib.Path, kefu_sip_port: int, number: str, caller: str,
                 domain: str = "demo.kefu.local", talk_seconds: int = 120, hangs_up_after: int | None = None):
        self.caller = caller
        scenario = (fill("caller-hangs-up.xml", talk_ms=hangs_up_after * 1000) if hangs_up_after is not None
                    else fill("caller-waits-for-bye.xml", talk_ms=talk_seconds * 1000))
        self.party = SippParty(
            f"caller {caller}", directory / f"caller-{caller}-{int(time.time() * 1000) % 100000}", scenario,
            [f"127.0.0.1:{kefu_sip_port}", "-s", number, "-m", "1", "-l", "1",
             "-set", "domain", domain, "-set", "caller", caller, "-set", "rtp_port", "{rtp}"],
            time_limit=talk_seconds + 30)

    def finish(self, timeout: float) -> int | None:
        """Waits for the call to end; SIPp's exit status (0: kefu hung up and the call succeeded)."""
        status = self.party.wait(timeout)
        return status

    def stop(self):
        self.party.stop()
