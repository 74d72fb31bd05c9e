#!/usr/bin/env python3
"""Writes the committed seed corpus fuzz/corpus/<target>/ from the test vectors and the shapes the
tests use (docs/testing.md). Run again after a vector file changes; file names are content hashes,
so re-running adds nothing twice."""
import base64, hashlib, json, os, struct, sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
DID = "did:ethr:0x000000000000000000000000000000000000dEaD"
T0 = 1_795_327_200


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(iss, iat, exp, jti):
    header = b64(b'{"typ":"JWT","alg":"ES256K"}')
    payload = b64(json.dumps({"iat": iat, "exp": exp, "iss": iss, "jti": jti}).encode())
    return f"{header}.{payload}.{b64(f'signature-not-checked-by-the-client:{jti}'.encode())}"


def millis(text):
    return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp() * 1000)


# schedule: every shared vector, on both platforms, then the platform events on a fresh state.
vectors = json.load(open(os.path.join(ROOT, "tests", "vectors", "schedule.json")))["vectors"]
for v in vectors:
    for platform in ["android", "ios"]:
        put("schedule", json.dumps({"platform": platform, "zone": v["zone"], "now": millis(v["now"]),
                                    "state": None, "event": {"type": v["call"], "options": v["options"]}}))
for event in [{"type": "boot"}, {"type": "timeChanged"}, {"type": "zoneChanged"}, {"type": "fetcherCleared"},
              {"type": "prefetched", "outcome": "ok", "content": {"title": "t", "body": "b", "fetchedAt": T0 * 1000}},
              {"type": "prefetched", "outcome": "cancelled"}, {"type": "fetchStart", "by": "alarm"},
              {"type": "fired", "target": "notify", "occurrence": T0 * 1000, "content": None}]:
    put("schedule", json.dumps({"platform": "ios", "zone": "Europe/Berlin", "now": T0 * 1000,
                                "state": None, "event": event}))

# facade: first byte picks configure / acknowledgeDelivery / updateStarredPlans / legacy / http.
tokens = [jwt(DID, T0, T0 + 90 * 86400, f"{DID}#bg#{i}") for i in range(3)]
configure = {"apiBaseUrl": "https://api.endorser.ch", "activeDid": DID, "jwtTokens": tokens,
             "starredPlanIds": ["https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33"],
             "afterId": "01M80V4R0S68JZJ7E8FY5D8DV9", "tokenPolicy": "perDay"}
put("facade", b"\x00" + json.dumps(configure).encode())
put("facade", b"\x00" + json.dumps({**configure, "jwtToken": tokens[0], "jwtTokens": None}).encode())
put("facade", b"\x00" + json.dumps({**configure, "tokenPolicy": tokens[1]}).encode())
put("facade", b"\x01" + json.dumps({"cursor": "01M80V4R0S68JZJ7E8FY5D8DV9"}).encode())
put("facade", b"\x01" + json.dumps({"cursor": "01jzzzzzzzzzzzzzzzzzzzzzzz"}).encode())
put("facade", b"\x02" + json.dumps({"planIds": ["https://endorser.ch/entity/A", "x"]}).encode())
put("facade", b"\x03" + json.dumps({"starredPlanIds": '["https://endorser.ch/entity/A"]'}).encode())
put("facade", b"\x04" + json.dumps({"connectTimeoutMs": 1000, "requestTimeoutMs": 2000, "extraRootsPem": []}).encode())

# token: now and margin (little-endian i64) then the token text.
for t in tokens + [tokens[0].split(".")[0] + ".e30.", "a.b.c", ""]:
    put("token", struct.pack("<qq", T0, 3600) + t.encode())

# endorser: report pages and error bodies as the server and the double send them.
row = lambda i, name: {"plan": {"jwtId": f"01M80V4R0S68JZJ7E8FY5D8D{i:02d}", "handleId": "h", "name": name}}
put("endorser", json.dumps({"data": [row(10, "Plan A"), row(11, None)], "hitLimit": True}))
put("endorser", json.dumps({"data": [row(12, 7), {"plan": {"name": "x"}}], "hitLimit": False}))
put("endorser", json.dumps({"error": {"message": "JWT failed verification: Error: invalid_jwt: JWT has already been used",
                                      "code": "JWT_VERIFY_FAILED"}}))
put("endorser", json.dumps({"error": "afterId parameter is required"}))
put("endorser", "120Sun, 22 Nov 2026 06:02:00 GMT")
put("endorser", f"bad token {tokens[0]}\n")

# vault: the layout's header (magic, version, key id, wrapped key length), short and long.
header = b"DNPV\x01" + bytes(range(16))
put("vault", header + struct.pack(">H", 4) + b"wrap" + bytes(12) + b"sealed-bytes-and-a-tag0")
put("vault", header + struct.pack(">H", 0xFFFF))
put("vault", b"DNPV\x02")

# cron: an instant (little-endian i64 millis) then the text.
for text in ["30 7 * * *", "07:30", "0 0 * * *", "59 23 * * *", "24:00", "*/5 * * * *"]:
    put("cron", struct.pack("<q", T0 * 1000) + text.encode())

# legacy: what old plugin versions stored.
for value in ['["https://endorser.ch/entity/A","https://endorser.ch/entity/B"]',
              json.dumps('["https://endorser.ch/entity/A"]'), "null", '[""]', '[1,2]', '"not json"']:
    put("legacy", value)
print("seeds in", OUT, file=sys.stderr)
