#!/usr/bin/env python3
"""Loopback stand-ins for the agent footprint benchmark: IMDSv2 (token, InService, no spot
notice) and the gateway's /agent/v1 API. Writes the time of the first IMDS request (ns since
the epoch) to <dir>/first-imds-ns, and <dir>/registered once the agent registered."""
import json, os, secrets, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out = sys.argv[1]
first = {"done": False}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def mark_first(self):
        if not first["done"] and self.path.startswith("/latest/"):
            first["done"] = True
            with open(os.path.join(out, "first-imds-ns"), "w") as f:
                f.write(str(time.time_ns()))

    def do_PUT(self):
        self.mark_first()
        if self.path == "/latest/api/token":
            return self.reply(200, secrets.token_urlsafe(32))
        self.reply(404, "Not Found")

    def do_GET(self):
        self.mark_first()
        values = {
            "/latest/meta-data/instance-id": "i-0bench000000000001",
            "/latest/meta-data/autoscaling/target-lifecycle-state": "InService",
            "/latest/dynamic/instance-identity/rsa2048": "MIIbenchmarkidentitydocument",
        }
        if self.path in values:
            return self.reply(200, values[self.path])
        self.reply(404, "Not Found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if self.path == "/agent/v1/register":
            open(os.path.join(out, "registered"), "w").close()
            return self.reply(200, json.dumps({
                "sessionToken": "bench", "instanceId": "i-0bench000000000001",
                "expiresAt": "2099-01-01T00:00:00Z", "runnerName": "i-0bench000000000001",
                "jitConfig": "bench-jit", "requiredRunnerVersion": "2.320.0", "runnerDownload": None}),
                "application/json")
        self.reply(200, json.dumps({"status": "ok"}), "application/json")

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(out, "port"), "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
