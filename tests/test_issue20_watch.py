"""Issue 20, class 6: the preview server answers only this machine's browser, and holds a bounded
number of connections and threads.

A real `reportgen watch` process, raw sockets and http.client; every wait is bounded.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # a real preview server, and waits for its idle timeout: in `make test`, not the quick loop

REPORTGEN = Path(sys.executable).with_name("reportgen")


class Preview:
    def __init__(self, findings: Path):
        self.process = subprocess.Popen(
            [str(REPORTGEN), "watch", str(findings), "--port", "0"], stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl-C works even if the runner ignores it
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                return
            if not line and self.process.poll() is not None:
                break
        self.stop()
        raise AssertionError("reportgen watch did not start")

    def request(self, method: str = "GET", path: str = "/", host: str | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        connection.putrequest(method, path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read() if path != "/events" or response.status != 200 else b""
        connection.close()
        return response.status, body

    def threads(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1))

    def settled_threads(self, seconds: float = 1.5, timeout: float = 20) -> int:
        """The thread count once it has not changed for `seconds` (connections of earlier requests wound up)."""
        deadline = time.monotonic() + timeout
        count, since = self.threads(), time.monotonic()
        while time.monotonic() - since < seconds and time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.threads()
            if now != count:
                count, since = now, time.monotonic()
        return count

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        return self.process.returncode


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    folder = tmp_path_factory.mktemp("watch")
    findings = folder / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", findings)
    running = Preview(findings)
    yield running
    assert running.stop() == 0


def test_only_local_host_names_with_the_port_are_answered(preview) -> None:
    """DNS rebinding: a page on evil.example rebinds its name to 127.0.0.1 and asks with its own Host."""
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = preview.request(host=host)
        assert status == 200 and b"Havering" in body, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", "127.0.0.1", f"localhost.evil.example:{port}", None):
        status, body = preview.request(host=host)
        assert status == 421 and b"Havering" not in body, host
    status, _ = preview.request(path="/events", host=f"attacker.example:{port}")
    assert status == 421


def test_other_origins_and_other_methods_are_refused(preview) -> None:
    local = f"127.0.0.1:{preview.port}"
    assert preview.request(path="/version", host=local, headers={"Origin": f"http://{local}"})[0] == 200
    assert preview.request(path="/version", host=local, headers={"Origin": "https://evil.example"})[0] == 403
    assert preview.request(path="/", host=local, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert preview.request("POST", "/", host=local, headers={"Origin": "https://evil.example", "Content-Length": "0"})[0] == 403
    assert preview.request("POST", "/", host=local, headers={"Origin": f"http://{local}", "Content-Length": "0"})[0] == 405
    assert preview.request("PUT", "/", host=local, headers={"Content-Length": "0"})[0] == 405
    assert preview.request("HEAD", "/", host=local)[0] == 200


def test_idle_connections_and_closed_event_streams_hold_no_threads(preview) -> None:
    before = preview.settled_threads()
    idle = [socket.create_connection(("127.0.0.1", preview.port), timeout=20) for _ in range(200)]
    try:
        time.sleep(1.0)
        assert preview.threads() <= before + 16 + 1  # at most MAX_CONNECTIONS handler threads, however many wait
    finally:
        for connection in idle:
            connection.close()
    status, body = preview.request(host=f"localhost:{preview.port}")  # served once the idle ones are gone
    assert status == 200 and b"Havering" in body
    streams = []  # five open event streams, then closed by their clients
    for _ in range(5):
        stream = socket.create_connection(("127.0.0.1", preview.port), timeout=20)
        stream.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\n\r\n".encode())
        assert b"text/event-stream" in stream.recv(4096)
        streams.append(stream)
    before = preview.settled_threads()  # the idle connections' threads have ended too
    for stream in streams:
        stream.close()
    assert preview.settled_threads() <= before - 5  # each event stream's thread ended with its client


def test_a_connection_that_sends_nothing_is_closed_by_the_server(preview) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", preview.port), timeout=30) as idle:
        assert idle.recv(1) == b""  # the server hung up: it did not wait for ever
    assert time.monotonic() - started < 25
