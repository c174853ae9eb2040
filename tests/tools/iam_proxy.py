#!/usr/bin/env python3
"""A recording, fault-injecting proxy in front of the local IAM endpoint (moto).

Tests point the module at this proxy to learn exactly which requests left the process: each request is
logged with its Query action, whether it was SigV4-signed, any fault injected, and its outcome once upstream
answered ("answered": the client took the answer; "client gone": the client had closed the connection). Control endpoints:
  GET  /__proxy/log     the log as JSON
  POST /__proxy/reset   clear the log and every fault rule
  POST /__proxy/open    open a gate: {"gate": NAME}
  POST /__proxy/faults  add rules: {"rules": [{"action": "CreateRole" | "*", "fault": KIND, "times": N,
                        "seconds": S, "contains": TEXT}]}; each matching request (of that action, whose
                        decoded body holds TEXT if given) uses up one of a rule's times.
KIND is one of:
  faults before the request reaches the server (it is not applied):
    throttle (400 Throttling), internal (500 InternalFailure), unavailable (503), reset (the connection is
    closed without an answer), nosuchentity (404, as IAM answers before a new role has propagated),
    invalidprincipal (400 MalformedPolicyDocument "Invalid principal"), deleteconflict (409 DeleteConflict),
    concurrent (409 ConcurrentModification, as IAM answers concurrent changes of one entity),
    sourceidentitydenied (403 AccessDenied for sts:SetSourceIdentity, as STS answers an AssumeRole with
    SourceIdentity when the role's trust policy does not allow it);
  faults after the request reached the server (it is applied, the answer is not seen):
    lostanswer (forward, then close the connection without the answer), holdanswer (forward, then hold the
    answer S seconds: a client that gives up or is cancelled meanwhile never sees it);
  timing: delay (wait S seconds, then forward), barrier (hold each matching request until TIMES of them
    have arrived, then forward them all: N sessions provably read before any writes), gate (hold each
    matching request until the test opens the rule's "gate" by name, at most 60 s: a test does something
    else, to completion, while the request is provably in flight);
  random: with probability RATE (a seeded generator, "seed"), one of "kinds" (default throttle, internal,
    reset, lostanswer), for every matching request while TIMES lasts.
Requests of JSON protocols (SSM, STS's JSON) are named by their X-Amz-Target operation. It listens on
loopback only and forwards only to --upstream.
"""
import argparse
import random
import select
import http.client
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
RULES = []
LOCK = threading.Lock()
BARRIER = threading.Condition()
GATES = {}

ERRORS = {
    "throttle": (400, "Sender", "Throttling", "Rate exceeded"),
    "internal": (500, "Receiver", "InternalFailure", "An internal error occurred."),
    "unavailable": (503, "Receiver", "ServiceUnavailable", "Service is unavailable."),
    "nosuchentity": (404, "Sender", "NoSuchEntity", "The role with name {role} cannot be found."),
    "invalidprincipal": (400, "Sender", "MalformedPolicyDocument", 'Invalid principal in policy: "SERVICE":"ssm.amazonaws.com"'),
    "deleteconflict": (409, "Sender", "DeleteConflict", "Cannot delete entity, must detach all policies first."),
    "concurrent": (409, "Sender", "ConcurrentModification", "Rate exceeded for concurrent modifications."),
    "sourceidentitydenied": (403, "Sender", "AccessDenied", "User: arn:aws:iam::123456789012:user/test is not authorized to perform: sts:SetSourceIdentity on resource: the role"),
}


def take_fault(action, body):
    """The fault for this request: the first rule that matches the action (and the body text, if it names one)
    and has uses left, used up once. A random rule decides with its own seeded generator."""
    for rule in RULES:
        if rule["times"] > 0 and rule["action"] in ("*", action) and rule["contains"] in body:
            rule["times"] -= 1
            if rule["fault"] != "random":
                return rule
            if rule["rng"].random() < rule["rate"]:
                return dict(rule, fault=rule["rng"].choice(rule["kinds"]))
            return None
    return None


def wait_at_barrier(rule):
    """Holds a request until the barrier's count of requests has arrived (at most 60 s)."""
    with BARRIER:
        rule["arrived"] += 1
        BARRIER.notify_all()
        BARRIER.wait_for(lambda: rule["arrived"] >= rule["count"], timeout=60)


def client_gone(sock):
    """Whether the client has closed its side: readable, with nothing to read."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def error_body(kind, role, number):
    status, error_type, code, message = ERRORS[kind]
    message = message.replace("{role}", role or "")
    body = ("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>%s</Type><Code>%s</Code>"
            "<Message>%s</Message></Error><RequestId>fault-%d</RequestId></ErrorResponse>") % (error_type, code, message, number)
    return status, body.encode()


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
                        RULES.clear()
                        for gate in GATES.values():
                            gate.set()  # nothing stays held past a reset
                        GATES.clear()
                        return self._reply(200, b"{}")
                    if self.command == "POST" and self.path == "/__proxy/faults":
                        for rule in json.loads(body or b"{}").get("rules", []):
                            times = int(rule.get("times", 1))
                            if rule["fault"] == "gate":
                                GATES.setdefault(rule["gate"], threading.Event())
                            RULES.append({"action": rule.get("action", "*"), "fault": rule["fault"],
                                          "times": times, "seconds": float(rule.get("seconds", 0)),
                                          "contains": rule.get("contains", ""), "count": times, "arrived": 0, "gate": rule.get("gate"),
                                          "rate": float(rule.get("rate", 0)), "rng": random.Random(rule.get("seed", 0)),
                                          "kinds": rule.get("kinds") or ["throttle", "internal", "reset", "lostanswer"]})
                        return self._reply(200, b"{}")
                    if self.command == "POST" and self.path == "/__proxy/open":
                        GATES.setdefault(json.loads(body)["gate"], threading.Event()).set()
                        return self._reply(200, b"{}")
                    if self.path == "/__proxy/log":
                        return self._reply(200, json.dumps(LOG).encode())
                return self._reply(404, b"{}")

            params = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            target_header = self.headers.get("X-Amz-Target") or ""
            action = (params.get("Action") or query.get("Action") or [target_header.split(".")[-1] or None])[0]
            auth = self.headers.get("Authorization") or ""
            service = None
            access_key = None
            if "Credential=" in auth:
                scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
                access_key = scope[0]
                service = scope[3] if len(scope) > 3 else None
            role = (params.get("RoleName") or [None])[0]
            with LOCK:
                rule = take_fault(action, urllib.parse.unquote_plus(body.decode("utf-8", "replace")))
                entry = {"method": self.command, "action": action, "target": target_header or None, "service": service, "role": role, "access_key": access_key,
                         "signed": auth.startswith("AWS4-HMAC-SHA256"), "fault": rule["fault"] if rule else None, "outcome": None}
                LOG.append(entry)
                number = len(LOG)
            if rule and rule["fault"] == "reset":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if rule and rule["fault"] in ERRORS:
                status, payload = error_body(rule["fault"], role, number)
                return self._reply(status, payload, "text/xml")
            if rule and rule["fault"] == "delay":
                time.sleep(rule["seconds"])
            if rule and rule["fault"] == "barrier":
                wait_at_barrier(rule)
            if rule and rule["fault"] == "gate":
                GATES[rule["gate"]].wait(60)

            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
            headers["Host"] = self.headers.get("Host", target.netloc)
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            connection.close()
            if rule and rule["fault"] == "lostanswer":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if rule and rule["fault"] == "holdanswer":
                time.sleep(rule["seconds"])
            if client_gone(self.connection):
                entry["outcome"] = "client gone"
                self.close_connection = True
                return
            try:
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                entry["outcome"] = "answered"
            except OSError:
                entry["outcome"] = "client gone"
                self.close_connection = True  # the client gave up while the answer was held

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
