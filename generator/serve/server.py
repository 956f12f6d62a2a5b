"""The dev server's HTTP side: the site under its base path, plus live reload.

HTML responses get a one-line script tag injected on the way out (the files on disk, like
a production build, contain none of it); ``/__archive__/events`` streams build events to
open pages; unknown paths get the site's own 404 page.
"""

from __future__ import annotations

import contextlib
import http.server
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.publish.search import BUNDLE_DIR
from generator.serve.preview import Previews
from generator.serve.reload import LiveReload

PREFIX = "__archive__/"
KEEPALIVE_SECONDS = 15.0


def make_handler(
    directory: Path,
    base_path: str,
    live: LiveReload,
    search_dir: Path | None = None,
    previews: Previews | None = None,
) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler class bound to one served folder and one live-reload state.
    With ``search_dir``, /pagefind/ is served from there: the dev server refreshes the
    index beside the site, off the reload path. ``previews`` are pages served from memory
    before the folder (see preview.py)."""
    reload_js = resources.files("generator.serve").joinpath("reload.js").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(directory), **kwargs)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if not parts.path.startswith(base_path):
                self._not_found()
                return
            inner = parts.path[len(base_path) :]
            if inner == PREFIX + "events":
                self._events(parse_qs(parts.query).get("since", ["0"])[0])
            elif inner == PREFIX + "reload.js":
                self._send(200, "text/javascript; charset=utf-8", reload_js)
            else:
                self._page(inner)

        def do_HEAD(self) -> None:
            self.do_GET()

        def _page(self, inner: str) -> None:
            preview = self._preview(inner)
            if preview is not None:
                self._send(200, "text/html; charset=utf-8", self._inject(preview))
                return
            root = directory
            if search_dir is not None and inner.startswith(f"{BUNDLE_DIR}/"):
                root, inner = search_dir, inner[len(BUNDLE_DIR) + 1 :]
            target = root / inner
            if target.is_dir():
                if inner and not inner.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", base_path + inner + "/")
                    self.end_headers()
                    return
                target = target / "index.html"
            try:
                resolved = target.resolve()
                if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
                    raise FileNotFoundError
                body = resolved.read_bytes()
            except (OSError, ValueError):
                self._not_found()
                return
            content_type = self.guess_type(str(resolved))
            if content_type == "text/html":
                body = self._inject(body)
                content_type = "text/html; charset=utf-8"
            self._send(200, content_type, body)

        def _preview(self, inner: str) -> bytes | None:
            if previews is None:
                return None
            if inner.endswith("index.html"):
                inner = inner[: -len("index.html")]
            return previews.get("/" + inner) if inner == "" or inner.endswith("/") else None

        def _inject(self, html: bytes) -> bytes:
            tag = (
                f'<script src="{base_path}{PREFIX}reload.js" data-events="{base_path}{PREFIX}events" '
                f'data-generation="{live.latest.generation}"></script>'
            ).encode()
            index = html.rfind(b"</body>")
            return html[:index] + tag + html[index:] if index >= 0 else html + tag

        def _not_found(self) -> None:
            page = directory / "404.html"
            body = self._inject(page.read_bytes()) if page.is_file() else b"404"
            self._send(404, "text/html; charset=utf-8", body)

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the page went away
                    self.wfile.write(body)

        def _events(self, since: str) -> None:
            """Server-sent events: one message per finished build, comments to keep alive."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            generation = int(since) if since.isdigit() else 0
            latest = live.latest
            if not latest.ok:  # a page opened while the site is broken shows why at once
                generation = min(generation, latest.generation - 1)
            try:
                while True:
                    event = live.wait_after(generation, KEEPALIVE_SECONDS)
                    if event is None:
                        self.wfile.write(b": keepalive\n\n")
                    else:
                        generation = event.generation
                        self.wfile.write(f"data: {event.message()}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is for builds
            pass

    return Handler
