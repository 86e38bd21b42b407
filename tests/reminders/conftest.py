"""A local HTTP server standing in for Microsoft Teams: it records what the Workflows webhooks receive."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        server = self.server
        server.received.append((self.path, body))
        status = server.statuses.pop(0) if server.statuses else 202
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def teams_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.received, server.statuses = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TEAMS_WEBHOOK_HOSTS = ["127.0.0.1"]
    server.url = f"http://127.0.0.1:{server.server_port}/workflows/chat"
    yield server
    server.shutdown()
