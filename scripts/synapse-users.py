"""Registers the test users on a fresh Synapse through its shared-secret admin API
(https://element-hq.github.io/synapse/latest/admin_api/register_api.html) and has the owner
make the test rooms; prints the variables the tests read. Standard library only.

Usage: synapse-users.py BASE_URL SHARED_SECRET
"""
import hashlib
import hmac
import json
import secrets
import shlex
import sys
import urllib.request

base, shared_secret = sys.argv[1], sys.argv[2]


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def register(user, password):
    nonce = call("GET", "/_synapse/admin/v1/register")["nonce"]
    mac = hmac.new(shared_secret.encode(), (nonce + "\x00" + user + "\x00" + password + "\x00notadmin").encode(),
                   hashlib.sha1).hexdigest()
    return call("POST", "/_synapse/admin/v1/register",
                {"nonce": nonce, "username": user, "password": password, "admin": False, "mac": mac})


# A password with characters a URL must escape, so that the tests read it percent-encoded.
checker_password = "pa:ss@/ " + secrets.token_hex(8)
owner_password = secrets.token_hex(16)
register("checker", checker_password)
owner = register("owner", owner_password)
token = owner["access_token"]
public = call("POST", "/_matrix/client/v3/createRoom",
              {"room_alias_name": "backups", "preset": "public_chat", "name": "Backups"}, token)
private = call("POST", "/_matrix/client/v3/createRoom",
               {"room_alias_name": "private", "preset": "private_chat", "name": "Private"}, token)
for name, value in [("USER", "checker"), ("PASSWORD", checker_password), ("OWNER_TOKEN", token),
                    ("ROOM", public["room_id"]), ("PRIVATE_ROOM", private["room_id"])]:
    print(f"BC_TEST_SYNAPSE_{name}={shlex.quote(value)}")
