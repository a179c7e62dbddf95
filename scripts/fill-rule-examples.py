#!/usr/bin/env python3
"""Fills synthetic-credential macros in rule files, in place, so examples are random and well-formed.

Usage: scripts/fill-rule-examples.py patterns/NEW.yaml ...

Write `{{NAME=SPEC}}` where a fresh value belongs and `{{NAME}}` to repeat it (names are per file);
`{{=SPEC}}` makes an unnamed value; a trailing |esc (`{{K=pem:rsa|esc}}`, `{{K|esc}}`) writes the
value with its newlines as the two characters \\n, as in JSON strings, and |indentN indents
the value's later lines N columns deeper than its first (a key nested inside a YAML block). Run once, check the result with `hush rules check`, commit.
SPEC is one of:
  r:CLASS:N     N random characters of CLASS: b62 hex HEX b64 b64u b32 b32l lower upper alpha digit
                lalnum (a-z0-9) ualnum (A-Z0-9) bech32 (age's upper-case bech32 alphabet)
  gh:PREFIX     a token with GitHub's layout: PREFIX + 30 random base62 + base62(CRC32) in 6 chars
  npm           the same layout with the npm_ prefix
  jwt:KIND      a signed-looking JWT; KIND hs256 | rs256 | k8s (legacy service-account claims)
  uuid          a random lower-case UUID
  b64user       base64 of "someuser:<random password>", as in docker config.json "auth"
  pem:KIND      a throwaway key from openssl/ssh-keygen/puttygen/gpg, indented to the macro's column:
                rsa rsa-enc ec dsa openssh pkcs8 pkcs8-enc ppk pgp sshcom, and for counter-examples
                rsa-pub pub cert
Random values never contain the words the engine's placeholder filter drops (test, fake, ...).
"""
import base64
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
import zlib

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CLASSES = {
    "b62": BASE62,
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "b64": BASE62 + "+/",
    "b64u": BASE62 + "_-",
    "b32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "b32l": "abcdefghijklmnopqrstuvwxyz234567",
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "digit": "0123456789",
    "lalnum": "abcdefghijklmnopqrstuvwxyz0123456789",
    "ualnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "bech32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}
AVOID = re.compile(r"example|dummy|fake|sample|test|xxx|demo|passw|secret|token|key|auth", re.I)


def rand(alphabet, n):
    while True:
        s = "".join(secrets.choice(alphabet) for _ in range(n))
        if not AVOID.search(s) and len(set(s)) > min(n, len(alphabet)) // 3:
            return s


def crc_token(prefix):
    body = rand(BASE62, 30)
    n, check = zlib.crc32(body.encode()) & 0xFFFFFFFF, ""
    while n:
        n, r = divmod(n, 62)
        check = BASE62[r] + check
    return prefix + body + check.rjust(6, "0")


def b64url(obj):
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(kind):
    now = int(time.time()) - secrets.randbelow(10**7)
    if kind == "k8s":
        ns, name = rand(CLASSES["lower"], 6), rand(CLASSES["lower"], 7)
        header = {"alg": "RS256", "kid": rand(CLASSES["b64u"], 43)}
        payload = {"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": ns,
                   "kubernetes.io/serviceaccount/secret-name": f"{name}-{rand(CLASSES['lalnum'], 5)}",
                   "kubernetes.io/serviceaccount/service-account.name": name,
                   "kubernetes.io/serviceaccount/service-account.uid": str(uuid.uuid4()),
                   "sub": f"system:serviceaccount:{ns}:{name}"}
        sig = rand(CLASSES["b64u"], 342)
    else:
        header = {"alg": kind.upper(), "typ": "JWT"}
        payload = {"sub": str(uuid.uuid4()), "iat": now, "exp": now + 3600, "scope": "read write"}
        sig = rand(CLASSES["b64u"], 43 if kind == "hs256" else 342)
    return f"{b64url(header)}.{b64url(payload)}.{sig}"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def pem(kind):
    with tempfile.TemporaryDirectory() as tmp:
        key = os.path.join(tmp, "k")
        word = "pw-" + rand(BASE62, 12)
        if kind == "rsa":
            return run(["openssl", "genrsa", "-traditional", "1024"])
        if kind == "rsa-enc":
            return run(["openssl", "genrsa", "-traditional", "-aes128", "-passout", "pass:" + word, "1024"])
        if kind == "ec":
            return run(["openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout"])
        if kind == "dsa":
            run(["openssl", "dsaparam", "-out", key + ".p", "1024"])
            run(["openssl", "gendsa", "-out", key, key + ".p"])
            return run(["openssl", "pkey", "-traditional", "-in", key])
        if kind == "openssh":
            run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key])
            return open(key).read()
        if kind == "pkcs8":
            return run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        if kind == "pkcs8-enc":
            return run(["openssl", "genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:" + word])
        if kind == "ppk":
            run(["puttygen", "-q", "-t", "ed25519", "-C", "build-host", "--new-passphrase", "/dev/null",
                 "-o", key])
            return open(key).read()
        if kind == "sshcom":
            run(["puttygen", "-q", "-t", "rsa", "-b", "1024", "-C", "build-host", "--new-passphrase",
                 "/dev/null", "-O", "private-sshcom", "-o", key])
            return open(key).read()
        if kind == "rsa-pub":
            run(["openssl", "genrsa", "-traditional", "-out", key, "1024"])
            return run(["openssl", "rsa", "-in", key, "-RSAPublicKey_out"])
        if kind == "pub":
            run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key])
            return run(["openssl", "pkey", "-in", key, "-pubout"])
        if kind == "cert":
            return run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-keyout", key, "-subj", "/CN=build.invalid", "-days", "1"])
        if kind == "pgp":
            env = dict(os.environ, GNUPGHOME=tmp)
            os.chmod(tmp, 0o700)
            run(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
                 "Build Bot <bot@build.invalid>", "ed25519", "sign", "never"], env=env)
            return run(["gpg", "--batch", "--armor", "--export-secret-keys"], env=env)
    raise SystemExit(f"unknown pem kind {kind}")


def make(spec):
    kind, _, arg = spec.partition(":")
    if kind == "r":
        cls, n = arg.split(":")
        return rand(CLASSES[cls], int(n))
    if kind == "gh":
        return crc_token(arg)
    if kind == "npm":
        return crc_token("npm_")
    if kind == "jwt":
        return jwt(arg)
    if kind == "uuid":
        return str(uuid.uuid4())
    if kind == "b64user":
        return base64.b64encode(f"deploy-bot:{rand(BASE62, 20)}".encode()).decode()
    if kind == "pem":
        return pem(arg).rstrip("\n")
    raise SystemExit(f"unknown macro spec {spec}")


def fill(text):
    values = {}

    def expand(line):
        def one(m):
            name, eq, spec = m.group(1), m.group(2), m.group(3)
            spec, bar, modifier = spec.partition("|")
            escape = modifier == "esc"
            extra = int(modifier[6:]) if modifier.startswith("indent") else 0
            if not eq and (not name or spec or name not in values):
                return m.group(0)  # not ours: ${{ expression }}, {{template}}
            if eq:
                value = make(spec)
                if name:
                    values[name] = value
            else:
                value = values[name]
            if escape:
                return value.replace("\n", "\\n")
            indent = " " * (m.start() + extra)
            return value.replace("\n", "\n" + indent)
        return re.sub(r"\{\{([A-Za-z0-9_]*)(=)?([^}]*)\}\}", one, line)

    return "".join(expand(line) for line in text.splitlines(keepends=True))


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        filled = fill(text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(filled)
