"""The preview's HTTP server (`reportgen watch`): the unpublished report, to this machine's browser only.

Listening on 127.0.0.1 is not enough: a web page the inspector visits can rebind its own name to
127.0.0.1 (DNS rebinding) and read the preview as "its" site. So a request is answered only when
its Host is 127.0.0.1, localhost or [::1] with our port (421 Misdirected Request otherwise), a
request from another origin (an Origin header, or Sec-Fetch-Site cross-site) is refused (403), and
only GET and HEAD exist. Connections are bounded: at most MAX_CONNECTIONS handled at once (the
rest wait in the listen queue), an idle connection is closed after IDLE_SECONDS, and the
server-sent events that reload the page end as soon as their client goes.
"""

from __future__ import annotations

import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MAX_CONNECTIONS = 16  # one inspector's tabs; each holds a thread while open
IDLE_SECONDS = 5.0  # a connection that sends nothing for this long is closed
HEARTBEAT_SECONDS = 15.0  # a comment line keeps an idle event stream open through proxies
POLL_SECONDS = 1.0  # how often an event stream looks whether its client has gone
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class PreviewServer(ThreadingHTTPServer):
    """A threading server with a bounded number of connections, each with a timeout."""

    daemon_threads = True
    request_queue_size = 256  # connections waiting for a slot wait here, not in SYN retries

    def __init__(self, address: tuple[str, int], preview, stop: threading.Event):
        self.preview, self.stop = preview, stop
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, PreviewHandler)
        port = self.server_address[1]
        self.hosts = {f"{name}:{port}" for name in LOCAL_NAMES} | ({*LOCAL_NAMES} if port == 80 else set())
        self.origins = {f"http://{host}" for host in self.hosts}

    def process_request(self, request, client_address) -> None:
        """Hand the connection to a thread once a slot is free; until then the accept loop waits
        (the kernel's listen queue holds the others), so threads never exceed MAX_CONNECTIONS."""
        while not self.slots.acquire(timeout=0.5):
            if self.stop.is_set():
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    timeout = IDLE_SECONDS  # socket timeout: an idle or slow client is dropped
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self._allowed():
            return
        preview = self.server.preview
        route = urlsplit(self.path).path  # "/?from=editor" is the page too
        if route in ("/", "/index.html"):
            self._send(preview.page, "text/html; charset=utf-8", body)
        elif route == "/version":
            self._send(str(preview.version).encode(), "text/plain; charset=utf-8", body)
        elif route == "/events" and body:
            self._events()
        else:  # a link to another format: the file `--all` wrote, or how to build it
            status, content, kind = preview.other(route)
            self._send(content, kind, body, status)

    def __getattr__(self, name: str):
        """Every other method (POST, PUT, OPTIONS, …): the same checks, then 405."""
        if name.startswith("do_"):
            return self._other_method
        raise AttributeError(name)

    def _other_method(self) -> None:
        if self._allowed():
            self._refuse(405, "Only GET and HEAD", allow="GET, HEAD")

    def _allowed(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self._refuse(421, "This preview answers only to 127.0.0.1, localhost or [::1] with its port")
            return False
        origin = self.headers.get("Origin")
        cross = (self.headers.get("Sec-Fetch-Site") or "").lower() == "cross-site"
        if cross or (origin is not None and origin.lower() not in self.server.origins):
            self._refuse(403, "Requests from other sites are refused")
            return False
        return True

    def _refuse(self, code: int, message: str, allow: str | None = None) -> None:
        body = f"{code} {message}\n".encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if allow:
            self.send_header("Allow", allow)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send(self, content: bytes, kind: str, body: bool, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(content)

    def _events(self) -> None:
        """Server-sent events: the build number now and after every rebuild, until the client goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        preview, stop = self.server.preview, self.server.stop
        seen, quiet = -1, 0.0
        try:
            while not stop.is_set() and not self._client_gone():
                version = preview.wait_for_change(seen, timeout=POLL_SECONDS)
                quiet = 0.0 if version != seen else quiet + POLL_SECONDS
                if version != seen or quiet >= HEARTBEAT_SECONDS:
                    self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
                    self.wfile.flush()
                    seen, quiet = version, 0.0
        except OSError:
            pass  # the tab was closed mid-write

    def _client_gone(self) -> bool:
        """True once the client closed its end (readable, and nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except (OSError, ValueError):
            return True

    def log_message(self, format: str, *args) -> None:
        pass  # requests are not news; builds are
