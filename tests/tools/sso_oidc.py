#!/usr/bin/env python3
"""A stand-in for AWS SSO OIDC's CreateToken with the refresh_token grant, for the SSO renewal tests.

POST /token with JSON {clientId, clientSecret, grantType: "refresh_token", refreshToken} answers
{accessToken: --new-token, expiresIn, tokenType, refreshToken: --new-refresh-token} when the client and refresh
token are the expected ones (--client-id, --refresh-token), and 400 InvalidGrantException otherwise, as the service
does (restJson1). GET /__oidc/log lists the requests. Loopback only.
"""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()


def make_handler(args):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def _reply(self, status, payload, error_type=None):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if error_type:
                self.send_header("x-amzn-ErrorType", error_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/__oidc/log":
                with LOCK:
                    return self._reply(200, LOG)
            return self._reply(404, {"message": "not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            request = json.loads(self.rfile.read(length) or b"{}")
            with LOCK:
                LOG.append({"path": self.path, "grantType": request.get("grantType"), "clientId": request.get("clientId"),
                            "refreshToken": request.get("refreshToken")})
            if self.path != "/token":
                return self._reply(404, {"message": "not found"})
            if (request.get("grantType") != "refresh_token" or request.get("clientId") != args.client_id
                    or request.get("refreshToken") != args.refresh_token):
                return self._reply(400, {"error": "invalid_grant", "error_description": "refresh token not valid"}, "InvalidGrantException")
            return self._reply(200, {"accessToken": args.new_token, "expiresIn": 28800, "tokenType": "Bearer",
                                     "refreshToken": args.new_refresh_token})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--refresh-token", required=True)
    parser.add_argument("--new-token", required=True)
    parser.add_argument("--new-refresh-token", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args))
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
