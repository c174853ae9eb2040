#!/usr/bin/env python3
"""A stand-in for the AWS SSO portal's GetRoleCredentials, for the credential tests.

GET /federation/credentials?account_id=A&role_name=R with the header x-amz-sso_bearer_token answers with
role credentials when the token is the expected one (--token), and 401 otherwise, as the portal does.
GET /__sso/log lists the requests. Loopback only.
"""
import argparse
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()


def make_handler(token):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _reply(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/__sso/log":
                with LOCK:
                    return self._reply(200, LOG)
            query = urllib.parse.parse_qs(url.query)
            presented = self.headers.get("x-amz-sso_bearer_token")
            with LOCK:
                LOG.append({"path": url.path, "account_id": (query.get("account_id") or [None])[0],
                            "role_name": (query.get("role_name") or [None])[0], "token_ok": presented == token})
            if url.path != "/federation/credentials":
                return self._reply(404, {"message": "not found"})
            if presented != token:
                return self._reply(401, {"message": "Session token not found or invalid"})
            return self._reply(200, {"roleCredentials": {
                "accessKeyId": "ASIASSOPORTAL0000001", "secretAccessKey": "sso-portal-secret",
                "sessionToken": "sso-portal-session", "expiration": int((time.time() + 3600) * 1000)}})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--token", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.token))
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
