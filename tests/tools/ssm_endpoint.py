#!/usr/bin/env python3
"""A stand-in for the Systems Manager operations of hybrid nodes, which moto does not implement.

Honest by construction:
- Every request is checked against botocore's SSM service model (the one the AWS CLI uses): X-Amz-Target,
  JSON 1.1, a SigV4 signature scoped to service ssm, and the body against the operation's input shape
  (unknown members, types, required members, enums, lengths, ranges and patterns). A mismatch is answered
  with SSM's ValidationException and recorded; GET /__ssm/problems lists every one, and the tests fail on
  any. Every answer is checked against the output shape the same way, so the stand-in cannot drift either.
- State per Region, as SSM's: activations (codes kept here only), managed nodes that register with an
  activation's id and code (POST /__ssm/register, as SSM Agent would), and the activation-tier setting.
- NextToken paging (a page never holds more than MaxResults, nor more than the configured cap) and the
  operations' filters.
- With --iam-endpoint, IAM-style authorization: the caller's access key is looked up in that IAM (moto), its
  user's policies are evaluated with moto's own policy evaluator for each action an operation needs (for
  example ssm:CreateActivation and iam:PassRole with iam:PassedToService), and a denied call is answered
  with SSM's AccessDeniedException. The role given to CreateActivation and UpdateManagedInstanceRole must
  exist there and trust ssm.amazonaws.com, or SSM's "Nonexistent role" ValidationException is the answer.
- Faults after the request reached the service (POST /__ssm/faults replaces the list): 'drop' applies the request and closes
  the connection without an answer (a lost answer); 'hold' applies it and holds the answer until the client
  goes away or the time is up (a cancelled call); 'status' answers 500 InternalServerError, after applying
  the request when "apply" is true.
- A request of a Query-protocol service (form-encoded: STS, IAM) is passed to --iam-endpoint untouched, as
  the module sends every service to an explicit loopback endpoint (moto serves them all); it is no SSM request
  and is not in the log.
Loopback only.
"""
import argparse
import datetime
import json
import random
import select
import socket
import string
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session

try:
    import regex as _re  # botocore's patterns use \p{L}, \p{Z}, \p{N}
except ImportError:  # pragma: no cover - a fallback good enough for the patterns SSM uses
    import re as _re

MODEL = botocore.session.get_session().get_service_model("ssm")
LOCK = threading.RLock()
ACCOUNT = "123456789012"
TIER_ID = "/ssm/managed-instance/activation-tier"


def now():
    return datetime.datetime.now(datetime.timezone.utc).timestamp()


class Store:
    def __init__(self):
        self.reset()

    def reset(self):
        self.regions = {}
        self.log = []
        self.problems = []
        self.faults = []
        self.page_cap = None
        self.tokens = {}

    def region(self, name):
        return self.regions.setdefault(name, {"activations": {}, "nodes": {}, "tier": None})


STORE = Store()


# ---- the service model -------------------------------------------------------------------------------
def check_shape(shape, value, path, problems, output=False):
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object, got {type(value).__name__}")
            return
        for name in value:
            if name not in shape.members:
                problems.append(f"{path}.{name}: no such member in {shape.name}")
        if not output:
            for name in shape.required_members:
                if name not in value:
                    problems.append(f"{path}.{name}: required member missing")
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                check_shape(member, value[name], f"{path}.{name}", problems, output)
        return
    meta = shape.metadata
    if kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list")
            return
        if not output and ("min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]):
            problems.append(f"{path}: {len(value)} items, outside {meta.get('min')}..{meta.get('max')}")
        for i, item in enumerate(value):
            check_shape(shape.member, item, f"{path}[{i}]", problems, output)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map")
            return
        for k, v in value.items():
            check_shape(shape.key, k, f"{path}.key", problems, output)
            check_shape(shape.value, v, f"{path}[{k}]", problems, output)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string")
            return
        if not output and ("min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]):
            problems.append(f"{path}: length {len(value)} outside {meta.get('min')}..{meta.get('max')}")
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")
        if "pattern" in meta and not _re.search(meta["pattern"], value):
            problems.append(f"{path}: {value!r} does not match {meta['pattern']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer")
        elif not output and ("min" in meta and value < meta["min"] or "max" in meta and value > meta["max"]):
            problems.append(f"{path}: {value} outside {meta.get('min')}..{meta.get('max')}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean")
    elif kind == "timestamp":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a timestamp in epoch seconds (JSON protocol)")
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)):
            problems.append(f"{path}: expected a number")


class ServiceError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


# ---- authorization against IAM (moto) -----------------------------------------------------------------
class Authorizer:
    def __init__(self, endpoint, access_key, secret_key):
        self.iam = botocore.session.get_session().create_client(
            "iam", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id=access_key, aws_secret_access_key=secret_key)

    def policies(self, access_key):
        user = self.iam.get_access_key_last_used(AccessKeyId=access_key).get("UserName")
        if not user:
            raise ServiceError("UnrecognizedClientException", "The security token included in the request is invalid.")
        docs = []
        for name in self.iam.list_user_policies(UserName=user)["PolicyNames"]:
            docs.append(self.iam.get_user_policy(UserName=user, PolicyName=name)["PolicyDocument"])
        for attached in self.iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]:
            version = self.iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]["DefaultVersionId"]
            docs.append(self.iam.get_policy_version(PolicyArn=attached["PolicyArn"], VersionId=version)["PolicyVersion"]["Document"])
        for group in self.iam.list_groups_for_user(UserName=user)["Groups"]:
            for name in self.iam.list_group_policies(GroupName=group["GroupName"])["PolicyNames"]:
                docs.append(self.iam.get_group_policy(GroupName=group["GroupName"], PolicyName=name)["PolicyDocument"])
        return user, [d if isinstance(d, str) else json.dumps(d) for d in docs]

    def authorize(self, access_key, needs):
        from moto.iam.access_control import IAMPolicy, PermissionResult
        user, docs = self.policies(access_key)
        for action, resource, conditions in needs:
            allowed = False
            for doc in docs:
                result = IAMPolicy(doc).is_action_permitted(action, resource, incoming_condition_values=conditions)
                if result == PermissionResult.DENIED:
                    allowed = False
                    break
                allowed = allowed or result == PermissionResult.PERMITTED
            if not allowed:
                raise ServiceError("AccessDeniedException",
                                   f"User: arn:aws:iam::{ACCOUNT}:user/{user} is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action")

    def role_trusts_ssm(self, iam_role):
        name = iam_role.rsplit("/", 1)[-1]
        path = "/" + iam_role[: -len(name)] if "/" in iam_role else "/"
        try:
            role = self.iam.get_role(RoleName=name)["Role"]
        except Exception:
            return False
        trust = json.dumps(role.get("AssumeRolePolicyDocument", {}))
        return role.get("Path", "/") == path and "ssm.amazonaws.com" in trust


AUTHORIZER = None
IAM_ENDPOINT = None
NONEXISTENT = {"left": 0}


def role_arn(iam_role):
    return f"arn:aws:iam::{ACCOUNT}:role/{iam_role}"


def needs_for(op, region, body):
    ssm = lambda what: f"arn:aws:ssm:{region}:{ACCOUNT}:{what}"
    pass_role = lambda role: ("iam:PassRole", role_arn(role), {"iam:PassedToService": "ssm.amazonaws.com"})
    return {
        "CreateActivation": lambda: [("ssm:CreateActivation", "*", None), pass_role(body.get("IamRole", ""))],
        "DescribeActivations": lambda: [("ssm:DescribeActivations", "*", None)],
        "DeleteActivation": lambda: [("ssm:DeleteActivation", "*", None)],
        "DescribeInstanceInformation": lambda: [("ssm:DescribeInstanceInformation", "*", None)],
        "UpdateManagedInstanceRole": lambda: [("ssm:UpdateManagedInstanceRole", ssm("managed-instance/" + body.get("InstanceId", "")), None), pass_role(body.get("IamRole", ""))],
        "DeregisterManagedInstance": lambda: [("ssm:DeregisterManagedInstance", ssm("managed-instance/" + body.get("InstanceId", "")), None)],
        "GetServiceSetting": lambda: [("ssm:GetServiceSetting", ssm("servicesetting" + TIER_ID), None)],
        "UpdateServiceSetting": lambda: [("ssm:UpdateServiceSetting", ssm("servicesetting" + TIER_ID), None)],
        "ResetServiceSetting": lambda: [("ssm:ResetServiceSetting", ssm("servicesetting" + TIER_ID), None)],
    }.get(op, lambda: [])()


def check_role(iam_role):
    if NONEXISTENT["left"] > 0:
        NONEXISTENT["left"] -= 1
        raise ServiceError("ValidationException", "Nonexistent role or missing ssm service principal in trust policy: " + iam_role)
    if AUTHORIZER and not AUTHORIZER.role_trusts_ssm(iam_role):
        raise ServiceError("ValidationException", "Nonexistent role or missing ssm service principal in trust policy: " + iam_role)


# ---- the operations ----------------------------------------------------------------------------------
def page(items, body, key, default_size):
    size = body.get("MaxResults") or default_size
    if STORE.page_cap:
        size = min(size, STORE.page_cap)
    filters = json.dumps(body.get("Filters") or body.get("InstanceInformationFilterList"), sort_keys=True)
    start = 0
    if body.get("NextToken"):
        saved = STORE.tokens.get(body["NextToken"])
        if not saved or saved[0] != filters:
            raise ServiceError("InvalidNextToken", "The specified token isn't valid.")
        start = saved[1]
    chunk = items[start:start + size]
    result = {key: chunk}
    if start + size < len(items):
        token = uuid.uuid4().hex
        STORE.tokens[token] = (filters, start + size)
        result["NextToken"] = token
    return result


def activation_view(a):
    view = {k: a[k] for k in ("ActivationId", "Description", "DefaultInstanceName", "IamRole", "RegistrationLimit",
                              "RegistrationsCount", "ExpirationDate", "CreatedDate", "Tags") if a.get(k) is not None}
    view["Expired"] = a["ExpirationDate"] < now()
    return view


def create_activation(state, body):
    check_role(body["IamRole"])
    code = "".join(random.choice(string.ascii_letters + string.digits + "+/") for _ in range(20))
    activation = {
        "ActivationId": str(uuid.uuid4()), "Code": code, "IamRole": body["IamRole"],
        "Description": body.get("Description"), "DefaultInstanceName": body.get("DefaultInstanceName"),
        "RegistrationLimit": body.get("RegistrationLimit", 1), "RegistrationsCount": 0,
        "ExpirationDate": body.get("ExpirationDate") or now() + 86400, "CreatedDate": now(),
        "Tags": body.get("Tags") or [],
    }
    state["activations"][activation["ActivationId"]] = activation
    return {"ActivationId": activation["ActivationId"], "ActivationCode": code}


def describe_activations(state, body):
    items = sorted(state["activations"].values(), key=lambda a: a["CreatedDate"])
    for f in body.get("Filters") or []:
        values = f.get("FilterValues") or []
        field = {"ActivationIds": "ActivationId", "DefaultInstanceName": "DefaultInstanceName", "IamRole": "IamRole"}[f["FilterKey"]]
        items = [a for a in items if a.get(field) in values]
    return page([activation_view(a) for a in items], body, "ActivationList", 10)


def delete_activation(state, body):
    if body["ActivationId"] not in state["activations"]:
        raise ServiceError("InvalidActivationId", "The activation ID isn't valid.")
    del state["activations"][body["ActivationId"]]
    return {}


NODE_FILTERS = {"ActivationIds": "ActivationId", "AgentVersion": "AgentVersion", "IamRole": "IamRole", "InstanceIds": "InstanceId",
                "PingStatus": "PingStatus", "PlatformType": "PlatformType", "PlatformTypes": "PlatformType", "ResourceType": "ResourceType",
                "AssociationStatus": "AssociationStatus"}


def describe_instance_information(state, body):
    if body.get("Filters") and body.get("InstanceInformationFilterList"):
        raise ServiceError("InvalidFilterKey", "Filters and InstanceInformationFilterList cannot be used together.")
    items = sorted(state["nodes"].values(), key=lambda n: n["InstanceId"])
    for f in body.get("Filters") or []:
        if f["Key"] not in NODE_FILTERS:
            raise ServiceError("InvalidFilterKey", "The specified key isn't valid: " + f["Key"])
        if f["Key"] == "InstanceIds":
            unknown = [i for i in f["Values"] if i not in state["nodes"]]
            if unknown:
                raise ServiceError("InvalidInstanceId", "Instances " + ", ".join(unknown) + " not in a valid state for account " + ACCOUNT)
        items = [n for n in items if n.get(NODE_FILTERS[f["Key"]]) in f["Values"]]
    return page(items, body, "InstanceInformationList", 10)


def node(state, body):
    found = state["nodes"].get(body["InstanceId"])
    if not found:
        raise ServiceError("InvalidInstanceId", "Instance " + body["InstanceId"] + " is not a managed instance of account " + ACCOUNT)
    return found


def update_managed_instance_role(state, body):
    found = node(state, body)
    check_role(body["IamRole"])
    found["IamRole"] = body["IamRole"]
    return {}


def deregister_managed_instance(state, body):
    node(state, body)
    del state["nodes"][body["InstanceId"]]
    return {}


def tier(state, region, body):
    if body["SettingId"] not in (TIER_ID, f"arn:aws:ssm:{region}:{ACCOUNT}:servicesetting{TIER_ID}"):
        raise ServiceError("ServiceSettingNotFound", "The specified service setting wasn't found.")
    current = state["tier"] or {"SettingValue": "standard", "Status": "Default"}
    setting = {"SettingId": TIER_ID, "SettingValue": current["SettingValue"], "Status": current["Status"],
               "ARN": f"arn:aws:ssm:{region}:{ACCOUNT}:servicesetting{TIER_ID}"}
    if state["tier"]:
        setting["LastModifiedDate"] = current["LastModifiedDate"]
        setting["LastModifiedUser"] = current["LastModifiedUser"]
    return setting


def update_service_setting(state, region, body, caller):
    tier(state, region, body)
    if body["SettingValue"] not in ("standard", "advanced"):
        raise ServiceError("ValidationException", "For /ssm/managed-instance/activation-tier, enter standard or advanced.")
    state["tier"] = {"SettingValue": body["SettingValue"], "Status": "Customized", "LastModifiedDate": now(),
                     "LastModifiedUser": f"arn:aws:iam::{ACCOUNT}:user/{caller}"}
    return {}


def apply(op, region, body, caller):
    state = STORE.region(region)
    if op == "CreateActivation":
        return create_activation(state, body)
    if op == "DescribeActivations":
        return describe_activations(state, body)
    if op == "DeleteActivation":
        return delete_activation(state, body)
    if op == "DescribeInstanceInformation":
        return describe_instance_information(state, body)
    if op == "UpdateManagedInstanceRole":
        return update_managed_instance_role(state, body)
    if op == "DeregisterManagedInstance":
        return deregister_managed_instance(state, body)
    if op == "GetServiceSetting":
        return {"ServiceSetting": tier(state, region, body)}
    if op == "UpdateServiceSetting":
        return update_service_setting(state, region, body, caller)
    if op == "ResetServiceSetting":
        tier(state, region, body)
        state["tier"] = None
        return {"ServiceSetting": tier(state, region, body)}
    raise ServiceError("UnknownOperationException", "The stand-in does not implement " + op)


def register(body):
    """What SSM Agent does with an activation id and code: a new managed node (mi-..., or the instanceId asked for)."""
    state = STORE.region(body["region"])
    activation = state["activations"].get(body["activationId"])
    if not activation or activation["Code"] != body["activationCode"]:
        raise ServiceError("InvalidActivation", "The activation isn't valid.")
    if activation["ExpirationDate"] < now():
        raise ServiceError("ActivationExpired", "The activation has expired.")
    if activation["RegistrationsCount"] >= activation["RegistrationLimit"]:
        raise ServiceError("InvalidActivation", "The activation has reached its registration limit.")
    activation["RegistrationsCount"] += 1
    instance_id = body.get("instanceId") or "mi-" + "".join(random.choice("0123456789abcdef") for _ in range(17))
    state["nodes"][instance_id] = {
        "InstanceId": instance_id, "PingStatus": body.get("pingStatus", "Online"), "LastPingDateTime": now(),
        "AgentVersion": body.get("agentVersion", "3.3.1142.0"), "IsLatestVersion": True,
        "PlatformType": body.get("platformType", "Linux"), "PlatformName": body.get("platformName", "Ubuntu"),
        "PlatformVersion": body.get("platformVersion", "22.04"), "ActivationId": activation["ActivationId"],
        "IamRole": activation["IamRole"], "RegistrationDate": now(), "ResourceType": "ManagedInstance",
        "Name": activation.get("DefaultInstanceName") or body.get("computerName", "server"),
        "IPAddress": body.get("ipAddress", "10.0.0.10"), "ComputerName": body.get("computerName", "server.example.local"),
        "SourceType": "AWS::SSM::ManagedInstance", "SourceId": instance_id,
    }
    return {"InstanceId": instance_id}


# ---- HTTP ------------------------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self, status, payload, content_type="application/x-amz-json-1.1"):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, error):
        self._reply(error.status, {"__type": error.code, "message": error.message})

    def do_GET(self):
        with LOCK:
            if self.path == "/__ssm/log":
                return self._reply(200, STORE.log, "application/json")
            if self.path == "/__ssm/problems":
                return self._reply(200, STORE.problems, "application/json")
            if self.path.startswith("/__ssm/state"):
                return self._reply(200, STORE.regions, "application/json")
        self._reply(404, {"__type": "UnknownOperationException"})

    def _control(self, body):
        with LOCK:
            if self.path == "/__ssm/reset":
                STORE.reset()
                return {}
            if self.path == "/__ssm/faults":
                STORE.faults = list(body)
                return {}
            if self.path == "/__ssm/config":
                STORE.page_cap = body.get("pageCap")
                return {}
            if self.path == "/__ssm/register":
                return register(body)
            if self.path == "/__ssm/seed-activation":
                # An activation made by someone else (a test's administrator), without asking the caller's rights.
                return create_activation(STORE.region(body["region"]), {"IamRole": body["IamRole"], "RegistrationLimit": 10})
            if self.path == "/__ssm/tier":
                STORE.region(body["region"])["tier"] = None
                return {}
            if self.path == "/__ssm/expire":
                # Time passes for an activation: its expiry date is now behind it.
                STORE.region(body["region"])["activations"][body["activationId"]]["ExpirationDate"] = now() - 60
                return {}
            if self.path == "/__ssm/ping":
                STORE.region(body["region"])["nodes"][body["instanceId"]]["PingStatus"] = body["pingStatus"]
                return {}
        raise ServiceError("UnknownOperationException", self.path)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if IAM_ENDPOINT and not self.path.startswith("/__ssm/") and self.headers.get("Content-Type", "").split(";")[0] == "application/x-www-form-urlencoded":
            return self._pass_on(raw)
        body = json.loads(raw or b"{}")
        if self.path.startswith("/__ssm/"):
            try:
                return self._reply(200, self._control(body), "application/json")
            except ServiceError as e:
                return self._error(e)
        self._service(body)

    def _pass_on(self, raw):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection", "expect", "transfer-encoding")}
        request = urllib.request.Request(IAM_ENDPOINT.rstrip("/") + self.path, data=raw, headers=headers, method="POST")
        # Straight to moto on loopback, whatever proxy the environment names.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=30) as answer:
                status, content_type, payload = answer.status, answer.headers.get("Content-Type", "text/xml"), answer.read()
        except urllib.error.HTTPError as e:
            status, content_type, payload = e.code, e.headers.get("Content-Type", "text/xml"), e.read()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _service(self, body):
        target = self.headers.get("X-Amz-Target", "")
        op = target.split(".", 1)[-1]
        auth = self.headers.get("Authorization", "")
        problems = []
        if not target.startswith(MODEL.metadata["targetPrefix"] + ".") or op not in MODEL.operation_names:
            problems.append("unknown target " + target)
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-amz-json-1.1":
            problems.append("content type " + str(self.headers.get("Content-Type")))
        scope = auth.split("Credential=", 1)[-1].split(",", 1)[0].split("/") if "Credential=" in auth else []
        if not auth.startswith("AWS4-HMAC-SHA256") or len(scope) != 5 or scope[3] != "ssm" or scope[4] != "aws4_request":
            problems.append("not signed with SigV4 for service ssm")
        if not problems:
            check_shape(MODEL.operation_model(op).input_shape, body, op, problems)
        region = scope[2] if len(scope) == 5 else "?"
        entry = {"target": target, "action": op, "region": region, "request": body, "problems": problems}
        with LOCK:
            STORE.log.append(entry)
            STORE.problems.extend(problems)
            fault = next((f for f in STORE.faults if f["action"] == op and f.get("times", 1) > 0), None)
            if fault:
                fault["times"] = fault.get("times", 1) - 1
        if problems:
            return self._error(ServiceError("ValidationException", "; ".join(problems)))
        try:
            if AUTHORIZER:
                AUTHORIZER.authorize(scope[0], needs_for(op, region, body))
            if fault and fault["fault"] == "status" and not fault.get("apply"):
                entry["answer"] = "status"
                raise ServiceError("InternalServerError", "An internal error occurred (injected).", 500)
            with LOCK:
                result = apply(op, region, body, scope[0])
            entry["answer"] = "applied"
            if "ActivationCode" in result:
                entry["code"] = result["ActivationCode"]
                entry["id"] = result["ActivationId"]
        except ServiceError as e:
            entry.setdefault("answer", e.code)
            return self._error(e)
        out_problems = []
        check_shape(MODEL.operation_model(op).output_shape, result, op + " (answer)", out_problems, output=True)
        with LOCK:
            STORE.problems.extend(out_problems)
        if fault:
            entry["fault"] = fault["fault"]
            if fault["fault"] == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            if fault["fault"] == "hold":
                self._hold(fault.get("seconds", 30))
            if fault["fault"] == "status":
                return self._error(ServiceError("InternalServerError", "An internal error occurred (injected).", 500))
        self._reply(200, result)

    def _hold(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                with LOCK:
                    STORE.log[-1]["abandoned"] = True
                return


def main():
    global AUTHORIZER, IAM_ENDPOINT
    parser = argparse.ArgumentParser()
    parser.add_argument("--nonexistent", type=int, default=0, help="answer 'Nonexistent role' to the first N role checks")
    parser.add_argument("--iam-endpoint")
    parser.add_argument("--admin-access-key", default="AKIAIOSFODNN7EXAMPLE")
    parser.add_argument("--admin-secret-key", default="test")
    parser.add_argument("--authorize", action="store_true", help="evaluate the caller's IAM policies for every call")
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    NONEXISTENT["left"] = args.nonexistent
    IAM_ENDPOINT = args.iam_endpoint
    if args.iam_endpoint:
        AUTHORIZER = Authorizer(args.iam_endpoint, args.admin_access_key, args.admin_secret_key)
        if not args.authorize:
            AUTHORIZER.authorize = lambda key, needs: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(args.port_file, "w") as handle:
        handle.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
