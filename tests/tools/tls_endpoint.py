#!/usr/bin/env python3
"""Loopback TLS endpoints for Test-SsmHybridConnectivity, with a test CA of their own.

It makes a CA and server certificates (cryptography), then serves, each on its own loopback port:
  ok         a certificate for localhost and the Region's AWS names (*.us-east-2.amazonaws.com,
             *.s3.us-east-2.amazonaws.com, and *.ssm.us-east-2.vpce.amazonaws.com for a VPC endpoint),
             answering HTTP 403 as AWS does without credentials, with a request id and the current Date
  expired    the same names, but a certificate that expired yesterday
  wronghost  a valid certificate for wrong.example.test only
  slow       TLS completes, then no answer ever comes (until the client goes away)
  skew       answers with a Date ten minutes ahead
  noaws      answers 403 without the request id every AWS answer carries (a filter answering instead)
  proxy      an HTTP CONNECT proxy that tunnels every host to the 'ok' endpoint and records each CONNECT
  authproxy  the same proxy, answering 407 unless Proxy-Authorization is Basic user:secret
  refused    a port on which nothing listens
It writes {"ca": PATH, "ports": {...}} to --port-file; GET http://127.0.0.1:PROXY/__log lists the CONNECTs.
A client trusts the CA through SSL_CERT_FILE (OpenSSL, and .NET on Linux). Loopback only.
"""
import argparse
import base64
import datetime
import email.utils
import ipaddress
import json
import os
import select
import socket
import socketserver
import ssl
import threading
import time
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)
# The Region's names, and those of an SSM interface endpoint (VPC endpoint) without private DNS.
AWS_NAMES = ["*.us-east-2.amazonaws.com", "*.s3.us-east-2.amazonaws.com", "s3.us-east-2.amazonaws.com", "*.ssm.us-east-2.vpce.amazonaws.com"]
CONNECTS = []


def name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_ca():
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name("SsmHybridRole Test CA")).issuer_name(name("SsmHybridRole Test CA"))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - datetime.timedelta(days=2)).not_valid_after(NOW + datetime.timedelta(days=60))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_leaf(ca_key, ca_cert, dns_names, not_before, not_after, folder, label):
    key = ec.generate_private_key(ec.SECP256R1())
    alt = [x509.DNSName(n) for n in dns_names]
    if "localhost" in dns_names:
        alt.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (x509.CertificateBuilder().subject_name(name(dns_names[0])).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_path, key_path = os.path.join(folder, label + ".pem"), os.path.join(folder, label + ".key")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert_path, key_path)
    return context


def read_head(stream):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = stream.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def wait_until_gone(sock, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        readable, _, _ = select.select([sock], [], [], 0.2)
        if readable:
            try:
                if not sock.recv(1024):
                    return
            except OSError:
                return


def tls_server(context, mode):
    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            try:
                stream = context.wrap_socket(self.request, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused our certificate, as it should
            try:
                if not read_head(stream):
                    return
                if mode == "slow":
                    return wait_until_gone(stream, 120)
                date = time.time()
                if mode == "skew":
                    date += 600
                headers = ["HTTP/1.1 403 Forbidden", "Content-Type: application/xml", "Content-Length: 0", "Connection: close",
                           "Date: " + email.utils.formatdate(date, usegmt=True)]
                if mode != "noaws":
                    headers.append("x-amzn-RequestId: " + str(uuid.uuid4()))
                stream.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
            except OSError:
                pass
            finally:
                try:
                    stream.close()
                except OSError:
                    pass

    return Handler


def proxy_server(target_port, credentials):
    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            head = read_head(self.request).decode("latin-1")
            lines = head.split("\r\n")
            if lines[0].startswith("GET /__log"):
                body = json.dumps(CONNECTS).encode()
                self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
                return
            target = lines[0].split(" ")[1] if lines[0].startswith("CONNECT ") else None
            auth = next((l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("proxy-authorization:")), None)
            CONNECTS.append({"target": target, "authorized": bool(auth)})
            if not target:
                self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            if credentials and auth != "Basic " + base64.b64encode(credentials.encode()).decode():
                self.request.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                return
            upstream = socket.create_connection(("127.0.0.1", target_port))
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            pump(self.request, upstream)

    return Handler


def pump(a, b):
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 120)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return
    finally:
        b.close()


def serve(handler):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    ca_key, ca_cert = make_ca()
    ca_path = os.path.join(args.dir, "ca.pem")
    with open(ca_path, "wb") as f:
        f.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    day = datetime.timedelta(days=1)
    good = make_leaf(ca_key, ca_cert, ["localhost"] + AWS_NAMES, NOW - day, NOW + 30 * day, args.dir, "good")
    expired = make_leaf(ca_key, ca_cert, ["localhost"] + AWS_NAMES, NOW - 30 * day, NOW - day, args.dir, "expired")
    wrong = make_leaf(ca_key, ca_cert, ["wrong.example.test"], NOW - day, NOW + 30 * day, args.dir, "wrong")
    ports = {mode: serve(tls_server(context, mode)) for mode, context in
             [("ok", good), ("expired", expired), ("wronghost", wrong), ("slow", good), ("skew", good), ("noaws", good)]}
    ports["proxy"] = serve(proxy_server(ports["ok"], None))
    ports["authproxy"] = serve(proxy_server(ports["ok"], "user:secret"))
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        ports["refused"] = unused.getsockname()[1]
    with open(args.port_file + ".tmp", "w") as f:
        json.dump({"ca": ca_path, "ports": ports}, f)
    os.replace(args.port_file + ".tmp", args.port_file)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
