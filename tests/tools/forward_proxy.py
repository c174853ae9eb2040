#!/usr/bin/env python3
"""A loopback HTTP forward proxy for the proxy tests: it relays absolute-form requests (GET http://HOST:PORT/...)
to loopback hosts only, and logs each one. GET /__forward/log (asked of the proxy directly) returns the log as
JSON: method, host and path of each relayed request, and whether it carried Proxy-Authorization."""
import argparse
import http.client
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/__forward/log"):
            with LOCK:
                return self._reply(200, json.dumps(LOG).encode())
        target = urllib.parse.urlsplit(self.path)
        if target.scheme != "http" or target.hostname not in LOOPBACK:
            return self._reply(403, b'{"message": "this proxy relays to loopback http:// only"}')
        with LOCK:
            LOG.append({"method": self.command, "host": target.netloc, "path": target.path,
                        "proxy_auth": bool(self.headers.get("Proxy-Authorization"))})
        path = target.path + ("?" + target.query if target.query else "")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-authorization", "proxy-connection", "connection", "content-length")}
        upstream = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=60)
        upstream.request(self.command, path, body=body, headers=headers)
        response = upstream.getresponse()
        payload = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        upstream.close()

    do_GET = _relay
    do_POST = _relay
    do_PUT = _relay


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
