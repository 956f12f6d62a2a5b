"""`archive serve`: build into the server's own folder and serve it on loopback.

The dev server never writes into the user's ``build/``: it builds into
``.cache/serve/`` (git-ignored). Watching and live reload arrive with the dev-server issue.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from generator.build import build_site
from generator.config import SiteConfig
from generator.report import Reporter

SERVE_DIR = Path(".cache") / "serve"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static handler that answers unknown paths with the site's own 404 page."""

    base_path = "/"

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0]
        if not path.startswith(self.base_path.rstrip("/")):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.base_path) :] if path.startswith(self.base_path) else "/"
        return super().send_head()

    def send_error(self, code, message=None, explain=None):  # type: ignore[no-untyped-def]
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(config: SiteConfig, reporter: Reporter, host: str, port: int) -> None:
    output_dir = config.root / SERVE_DIR
    result = build_site(config, reporter, output_dir=output_dir)
    reporter.diagnostics(result.warnings)
    handler = functools.partial(
        type("Handler", (_Handler,), {"base_path": config.base_path}), directory=str(output_dir)
    )
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        reporter.info(
            f"{result.pages} files built. Serving the archive on {config.base_url} (Ctrl+C to stop)"
        )
        server.serve_forever()
