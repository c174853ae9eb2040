#!/usr/bin/env python3
"""Loopback stand-ins for the last links of the credential chain, shaped as AWS serves them.

EC2 instance metadata, IMDSv2 (AWS_EC2_METADATA_SERVICE_ENDPOINT points here):
  PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds) -> a session token;
  GET /latest/meta-data/iam/security-credentials/ -> the instance role's name;
  GET /latest/meta-data/iam/security-credentials/ROLE -> its credentials (Code, AccessKeyId, SecretAccessKey, Token, Expiration);
  GET /latest/meta-data/placement/region -> the Region (--region);
  every GET without the session token is refused with 401, as IMDSv2 does.
Container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI points at /container-credentials): answers only with the
Authorization header given as --container-token.
GET /__metadata/log lists the requests.
"""
import argparse
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()
SESSION_TOKEN = "imds-session-token"
ROLE = "hybrid-instance-role"


def credentials(access_key):
    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": access_key, "SecretAccessKey": "metadata-secret",
            "Token": "metadata-session-token", "Expiration": expires}


def make_handler(region, container_token):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _reply(self, status, payload):
            body = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain" if isinstance(payload, str) else "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_PUT(self):
            with LOCK:
                LOG.append({"method": "PUT", "path": self.path})
            if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                return self._reply(200, SESSION_TOKEN)
            return self._reply(400, "bad token request")

        def do_GET(self):
            if self.path == "/__metadata/log":
                with LOCK:
                    return self._reply(200, LOG)
            with LOCK:
                LOG.append({"method": "GET", "path": self.path, "token_ok": self.headers.get("X-aws-ec2-metadata-token") == SESSION_TOKEN,
                            "authorization_ok": self.headers.get("Authorization") == container_token})
            if self.path == "/container-credentials":
                if self.headers.get("Authorization") != container_token:
                    return self._reply(403, {"message": "bad authorization token"})
                return self._reply(200, credentials("ASIACONTAINERCREDS01"))
            if self.headers.get("X-aws-ec2-metadata-token") != SESSION_TOKEN:
                return self._reply(401, "")
            if self.path == "/latest/meta-data/iam/security-credentials/":
                return self._reply(200, ROLE)
            if self.path == "/latest/meta-data/iam/security-credentials/" + ROLE:
                return self._reply(200, credentials("ASIAINSTANCEROLE0001"))
            if self.path == "/latest/meta-data/placement/region":
                return self._reply(200, region)
            return self._reply(404, "")

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="eu-central-1")
    parser.add_argument("--container-token", default="container-auth-token")
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.region, args.container_token))
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
