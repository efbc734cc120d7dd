"""`kefu serve` as a child process for the browser tests: the debug binary the Swift build
left (or KEFU_EXECUTABLE), free loopback ports, a temporary data directory, a provisioning
file adapted from examples/demo.yaml; waits for `kefu ready`, stops with SIGTERM."""

import json
import os
import pathlib
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

from ports import free_port, free_rtp_range

PACKAGE_ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = PACKAGE_ROOT / "examples"


def kefu_executable() -> str:
    """The `kefu` binary `swift build` made, found like SIPTesting's PackageRoot does."""
    named = os.environ.get("KEFU_EXECUTABLE")
    if named and os.access(named, os.X_OK):
        return named
    for candidate in (".build/debug/kefu", ".build/release/kefu"):
        path = PACKAGE_ROOT / candidate
        if os.access(path, os.X_OK):
            return str(path)
    raise RuntimeError("no kefu executable: run `swift build` first (looked for .build/debug/kefu and KEFU_EXECUTABLE)")


class TestTenant:
    """examples/demo.yaml and its flows copied into a folder, with the changes a test needs."""

    __test__ = False  # a fixture, not a test class, though its name starts with Test

    def __init__(self):
        self.yaml = (EXAMPLES / "demo.yaml").read_text(encoding="utf-8")
        self.files = {}
        for folder in ("flows", "areas"):
            for path in (EXAMPLES / folder).glob("*"):
                if path.is_file():
                    self.files[f"{folder}/{path.name}"] = path.read_text(encoding="utf-8")

    def replace(self, old: str, new: str):
        if old not in self.yaml:
            raise AssertionError(f"examples/demo.yaml no longer contains {old!r}; update Tests/Browser/kefu_server.py")
        self.yaml = self.yaml.replace(old, new)

    def use_flow(self, name: str, flow: dict):
        """Runs the access number's calls through `flow` instead of the demo menu."""
        self.files[f"flows/{name}.json"] = json.dumps(flow, ensure_ascii=False, indent=2)
        self.replace("flow_file: flows/demo.json", f"flow_file: flows/{name}.json")

    def drop_inbound_rules(self):
        self.replace("        rules_file: flows/demo-routing.json\n", "")

    def write(self, directory: pathlib.Path) -> pathlib.Path:
        for relative, text in self.files.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        path = directory / "tenant.yaml"
        path.write_text(self.yaml, encoding="utf-8")
        return path


class KefuServer:
    """A running `kefu serve` on 127.0.0.1."""

    def __init__(self, directory: pathlib.Path, tenant: TestTenant, ready_timeout: float = 90, extra: list[str] | None = None):
        self.directory = directory
        self.data_dir = directory / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        provision = tenant.write(directory / "provision")
        self.sip_port = free_port()
        self.http_port = free_port()
        low, high = free_rtp_range()
        self.arguments = [
            kefu_executable(), "serve", "--data-dir", str(self.data_dir), "--sip-port", str(self.sip_port),
            "--http-port", str(self.http_port), "--rtp-ports", f"{low}-{high}", "--log-level", "info",
            "--provision", str(provision), "--always-open", "--rtp-timeout", "300",
        ] + (extra or [])
        self.stdout_path = directory / "kefu.stdout"
        self.log_path = directory / "kefu.log"
        self._stdout = open(self.stdout_path, "wb")
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.arguments, cwd=self.data_dir, stdout=self._stdout, stderr=self._log,
                                        stdin=subprocess.DEVNULL)
        self._wait_ready(ready_timeout)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def _wait_ready(self, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(line.strip() == "kefu ready" for line in self.stdout_path.read_text(errors="replace").splitlines()):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"kefu exited with status {self.process.returncode} before `kefu ready`\n{self.log_tail()}")
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"kefu did not print `kefu ready` within {timeout}s\n{self.log_tail()}")

    def log_tail(self, characters: int = 4000) -> str:
        return " ".join(self.arguments) + "\n" + self.log_path.read_text(errors="replace")[-characters:]

    def api(self, method: str, path: str, body=None, cookie: str | None = None):
        """One API request; returns (status, JSON or None, Set-Cookie)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None), response.headers.get("Set-Cookie")
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, (json.loads(raw) if raw else None), None

    def login(self, username: str, password: str, tenant: str = "demo") -> str:
        """Logs in through the API; returns the session cookie (`name=value`)."""
        status, body, cookie = self.api("POST", "/api/v1/login", {"tenant": tenant, "username": username, "password": password})
        assert status == 200 and cookie, f"login {username}: {status} {body}"
        return cookie.split(";")[0]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._stdout.close()
        self._log.close()

    def remove(self):
        shutil.rmtree(self.directory, ignore_errors=True)
