#!/usr/bin/env python3
"""An Endorser stand-in on the CI runner, for the emulator's instrumented tests.

The emulator reaches its host at 10.0.2.2; a request to it leaves the app's process through the
device's network stack, so Doze's network rules apply to it (a loopback server inside the test
process is exempt from them, and proves nothing about the while-idle network allowance).

  python3 tests/android/runner-endorser.py 8765      # .github/workflows/android.yml starts it

POST /api/v2/report/plansLastUpdatedBetween answers one changed plan and is counted;
GET /count answers {"reports": n, "withBearer": m}; POST /reset sets both to 0. The server checks
no signature: the device tests mint throw-away tokens (DeviceFixtures.tokens).
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLAN = "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33"
REPORT_PATH = "/api/v2/report/plansLastUpdatedBetween"

lock = threading.Lock()
counts = {"reports": 0, "withBearer": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/count":
            with lock:
                self.answer(200, dict(counts))
        else:
            self.answer(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path == "/reset":
            with lock:
                counts["reports"] = 0
                counts["withBearer"] = 0
            self.answer(200, {})
        elif self.path == REPORT_PATH:
            with lock:
                counts["reports"] += 1
                if (self.headers.get("Authorization") or "").lower().startswith("bearer "):
                    counts["withBearer"] += 1
            self.answer(200, {"data": [{"plan": {"jwtId": "01M80V4R0S68JZJ7E8FY5D8DV9",
                                                 "handleId": PLAN, "name": "Plan A"}}],
                              "hitLimit": False})
        else:
            self.answer(404, {"error": "not found"})

    def log_message(self, fmt, *args):
        # One line per request on stderr, without headers (a token is never printed).
        sys.stderr.write("runner-endorser: %s %s\n" % (self.command, self.path))


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
