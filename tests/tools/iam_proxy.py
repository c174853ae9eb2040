#!/usr/bin/env python3
"""A recording proxy in front of the local IAM endpoint (moto).

Tests point the module at this proxy to learn exactly which requests left the process: each forwarded
request is logged with its Query action and whether it was SigV4-signed. GET /__proxy/log returns the
log as JSON; POST /__proxy/reset clears it. It listens on loopback only and forwards only to --upstream.
"""
import argparse
import http.client
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()


def make_handler(upstream):
    target = urllib.parse.urlsplit(upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep test output clean
            pass

        def _reply(self, status, body, content_type="application/json"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path.startswith("/__proxy/"):
                with LOCK:
                    if self.command == "POST" and self.path == "/__proxy/reset":
                        LOG.clear()
                        return self._reply(200, b"{}")
                    if self.path == "/__proxy/log":
                        return self._reply(200, json.dumps(LOG).encode())
                return self._reply(404, b"{}")

            params = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            action = (params.get("Action") or query.get("Action") or [None])[0]
            auth = self.headers.get("Authorization") or ""
            service = None
            if "Credential=" in auth:
                scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
                service = scope[3] if len(scope) > 3 else None
            with LOCK:
                LOG.append({"method": self.command, "action": action, "service": service,
                            "signed": auth.startswith("AWS4-HMAC-SHA256")})

            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
            headers["Host"] = self.headers.get("Host", target.netloc)
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            connection.close()

        do_GET = _forward
        do_POST = _forward

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", help="write the chosen port here once listening")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.upstream))
    if args.port_file:
        with open(args.port_file, "w") as handle:
            handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
