#!/usr/bin/env python3
"""A stand-in for Systems Manager's CreateActivation (moto has none), for the activation tests.

It checks what the AWS SDK sends (JSON 1.1, X-Amz-Target AmazonSSM.CreateActivation, a SigV4 signature for
service ssm, the IamRole and RegistrationLimit fields) and answers as SSM does. The first --nonexistent N
calls get SSM's ValidationException "Nonexistent role ...", as SSM answers while a new role propagates.
GET /__ssm/log lists the requests, with the activation code each success returned. Loopback only.
"""
import argparse
import json
import threading
import uuid
import random
import string
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()


def make_handler(nonexistent):
    remaining = {"nonexistent": nonexistent}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _reply(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/__ssm/log":
                with LOCK:
                    return self._reply(200, LOG)
            return self._reply(404, {"__type": "UnknownOperationException"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b"{}"
            target = self.headers.get("X-Amz-Target", "")
            auth = self.headers.get("Authorization", "")
            body = json.loads(raw or b"{}")
            problems = []
            if target != "AmazonSSM.CreateActivation":
                problems.append("target " + target)
            if not (auth.startswith("AWS4-HMAC-SHA256") and "/ssm/aws4_request" in auth):
                problems.append("not signed for ssm")
            if not body.get("IamRole"):
                problems.append("no IamRole")
            if not 1 <= int(body.get("RegistrationLimit", 1)) <= 1000:
                problems.append("RegistrationLimit out of range")
            entry = {"target": target, "request": body, "problems": problems}
            with LOCK:
                LOG.append(entry)
                if problems:
                    return self._reply(400, {"__type": "ValidationException", "message": "; ".join(problems)})
                if remaining["nonexistent"] > 0:
                    remaining["nonexistent"] -= 1
                    entry["answer"] = "nonexistent"
                    return self._reply(400, {"__type": "ValidationException",
                                             "message": "Nonexistent role or missing ssm service principal in trust policy: " + body["IamRole"]})
                code = "".join(random.choice(string.ascii_letters + string.digits + "+/") for _ in range(20))
                entry["answer"] = "created"
                entry["code"] = code
                return self._reply(200, {"ActivationId": str(uuid.uuid4()), "ActivationCode": code})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nonexistent", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.nonexistent))
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
