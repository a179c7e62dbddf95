#!/usr/bin/env python3
"""Checks the detection rules in patterns/*.yaml the way hush will run them.

Usage: scripts/check-rules.py [--patterns DIR] [--scan PATH ... [--show] [--only ID,...]] [--bench FILE]
                              [--hs-flags N]

Without --scan it loads every rule file and fails (exit 1) when a rule is malformed: ids unique and
kebab-case, required fields present, at least two examples and two counter-examples, every example
matched by PCRE2 with its capture equal to `secret`, every example also fired by Vectorscan, no
counter-example matched by PCRE2, each example's matched text holding one of the rule's keywords,
each example secret meeting min_entropy and passing the offline validator the rule names. It also
lists the patterns Vectorscan refuses (those still run in hush, through the slower keyword path).
The regex work is done by scripts/rule-engine-check.c, built on first use into .build-rulecheck/
with `cc ... $(pkg-config --cflags --libs libhs libpcre2-8)` (apt: libvectorscan-dev libpcre2-dev).
With --scan it instead runs all rules over the files under each PATH as the engine would (one
Vectorscan pass, PCRE2 on a window of lines per hit, the entropy gate, the validators, a crude
placeholder filter) and prints hit counts per rule: on trees that hold no credentials, every hit
is a false positive to study (--show prints them, secrets shortened). --bench FILE times the
Vectorscan database alone over FILE (CPU time) and names the rules that fire most often.
"""
import argparse
import base64
import binascii
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import zlib

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = ["id", "name", "description", "pattern", "keywords", "confidence", "examples", "counter_examples"]
KNOWN = set(REQUIRED) | {"secret_group", "min_entropy", "validate", "window_lines", "detector", "pairs_with", "pair_only"}
# Rules whose matches come from a Swift detector: no pattern or keywords; the Swift test suite
# (RuleExampleCheck) runs their examples through the detector.
DETECTOR_REQUIRED = ["id", "name", "description", "detector", "confidence", "examples", "counter_examples"]
DETECTORS = {"generic-assignment"}
VALIDATORS = {"github-crc32", "npm-crc32", "jwt", "private-key", "pypi-macaroon", "slack-token", "aws-key-id", "stripe-key",
              "gitlab-token", "jwt-claims"}
PLACEHOLDER_WORDS = ("example", "dummy", "fake", "sample", "test", "xxxx")
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def entropy(s):
    if not s:
        return 0.0
    counts = collections.Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def base62_crc32(data):
    n, out = zlib.crc32(data.encode()) & 0xFFFFFFFF, ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out.rjust(6, "0")


def crc_token_ok(secret, prefix_end):
    body = secret[prefix_end:]
    return len(body) == 36 and base62_crc32(body[:30]) == body[30:]


def b64url_json(part):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def validate(name, secret):
    """Mirrors the offline validators the engine applies; returns None when valid, else why not."""
    if name == "github-crc32":
        m = re.match(r"(gh[pousr]_)", secret)
        return None if m and crc_token_ok(secret, len(m.group(1))) else "GitHub CRC32 checksum does not match"
    if name == "npm-crc32":
        return None if secret.startswith("npm_") and crc_token_ok(secret, 4) else "npm CRC32 checksum does not match"
    if name == "jwt":
        parts = secret.split(".")
        try:
            header, _ = b64url_json(parts[0]), b64url_json(parts[1])
        except Exception:
            return "JWT header or payload is not base64url JSON"
        return None if len(parts) == 3 and isinstance(header, dict) and "alg" in header else "JWT header has no alg"
    if name == "private-key":
        text = secret.replace("\\r", "").replace("\\n", "\n")
        text = re.sub(r"[\"']\s*\+?\s*\n\s*[\"']", "\n", text)  # "..." + "..." literals
        lines = [l.strip().strip("\"',") for l in text.splitlines()]
        body = "".join(l for l in lines[1:-1] if l and ":" not in l)
        try:
            der = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return "PEM body is not base64"
        if "OPENSSH" in lines[0]:
            return None if der.startswith(b"openssh-key-v1\0") else "not an openssh-key-v1 blob"
        return None if der[:1] == b"\x30" else "PEM body is not a DER SEQUENCE"
    if name in VALIDATORS:
        return None  # the structure validators (TokenStructureValidators) are run by the Swift rule tests
    return f"unknown validator {name}"


def looks_placeholder(secret):
    low = secret.lower()
    return any(w in low for w in PLACEHOLDER_WORDS) or len(set(secret)) <= 2


def engine_binary():
    src = os.path.join(ROOT, "scripts", "rule-engine-check.c")
    out_dir = os.path.join(ROOT, ".build-rulecheck")
    exe = os.path.join(out_dir, "rule-engine-check")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        os.makedirs(out_dir, exist_ok=True)
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libhs", "libpcre2-8"],
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["cc", "-O2", "-Wall", "-o", exe, src] + flags, check=True)
    return exe


def load_rules(directory):
    rules, problems, seen = [], [], {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith((".yaml", ".yml")):
            continue
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
        except yaml.YAMLError as error:
            problems.append(f"{name}: not valid YAML: {error}")
            continue
        for rule in (doc or {}).get("rules", []):
            rule["_file"] = name
            rid = rule.get("id", "?")
            if "detector" in rule:
                problems += check_detector_rule(rule, name, rid, seen)
                continue
            for key in REQUIRED:
                if key not in rule:
                    problems.append(f"{name}: {rid}: missing field {key}")
            for key in rule:
                if key not in KNOWN and key != "_file":
                    problems.append(f"{name}: {rid}: unknown field {key}")
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(rid)):
                problems.append(f"{name}: {rid}: id is not kebab-case")
            if rid in seen:
                problems.append(f"{name}: {rid}: duplicate id (first in {seen[rid]})")
            seen[rid] = name
            if rule.get("confidence") not in ("high", "medium", "low"):
                problems.append(f"{name}: {rid}: confidence must be high, medium or low")
            if rule.get("validate") and rule["validate"] not in VALIDATORS:
                problems.append(f"{name}: {rid}: unknown validator {rule['validate']}")
            if len(rule.get("examples", [])) < 2 or len(rule.get("counter_examples", [])) < 2:
                problems.append(f"{name}: {rid}: needs at least 2 examples and 2 counter_examples")
            if not rule.get("keywords") or not all(isinstance(k, str) and k for k in rule["keywords"]):
                problems.append(f"{name}: {rid}: keywords must be non-empty strings")
            rules.append(rule)
    return rules, problems


def check_detector_rule(rule, name, rid, seen):
    """The field checks that apply to a detector rule; its examples are checked by the Swift tests."""
    problems = [f"{name}: {rid}: missing field {key}" for key in DETECTOR_REQUIRED if key not in rule]
    problems += [f"{name}: {rid}: {key} cannot be used with a detector" for key in
                 ("pattern", "keywords", "secret_group", "min_entropy", "validate", "window_lines") if key in rule]
    if rule.get("detector") not in DETECTORS:
        problems.append(f"{name}: {rid}: unknown detector {rule.get('detector')}")
    if rid in seen:
        problems.append(f"{name}: {rid}: duplicate id (first in {seen[rid]})")
    seen[rid] = name
    if len(rule.get("examples", [])) < 2 or len(rule.get("counter_examples", [])) < 2:
        problems.append(f"{name}: {rid}: needs at least 2 examples and 2 counter_examples")
    return problems


def write_rules_tsv(rules, path):
    with open(path, "w") as f:
        for r in rules:
            f.write(f"{r.get('secret_group', 0)}\t{r.get('window_lines') or 1}\t{r['pattern'].encode().hex()}\n")


def check(rules, exe, tmp):
    problems, warnings, refused = [], [], []
    rules_tsv = os.path.join(tmp, "rules.tsv")
    write_rules_tsv(rules, rules_tsv)
    out = subprocess.run([exe, "compile", rules_tsv], check=True, capture_output=True, text=True).stdout
    hs_ok = [False] * len(rules)
    db_line = ""
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("database"):
            db_line = line
            continue
        i = int(parts[0])
        if parts[1] == "ok":
            hs_ok[i] = True
        elif parts[1] == "refused":
            refused.append((rules[i]["id"], parts[2]))
        else:
            problems.append(f"{rules[i]['_file']}: {rules[i]['id']}: PCRE2 refuses the pattern: {parts[2]}")

    cases = []  # (rule index, text, expected secret or None for a counter-example)
    for i, r in enumerate(rules):
        for ex in r.get("examples", []):
            cases.append((i, str(ex.get("text", "")), str(ex.get("secret", ""))))
        for ce in r.get("counter_examples", []):
            cases.append((i, str(ce), None))
    cases_tsv = os.path.join(tmp, "cases.tsv")
    with open(cases_tsv, "w") as f:
        for i, text, _ in cases:
            f.write(f"{i}\t{text.encode().hex()}\n")
    out = subprocess.run([exe, "match", rules_tsv, cases_tsv], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split("\t")
        c, hs_fired, pcre = int(parts[0]), parts[1] == "1", int(parts[2])
        i, text, secret = cases[c]
        r = rules[i]
        where = f"{r['_file']}: {r['id']}"
        groups = [bytes.fromhex(g).decode("utf-8", "replace") if g != "-" else None for g in parts[3:]]
        if pcre < 0:
            continue
        g = r.get("secret_group", 0)
        if secret is None:
            captured = groups[g] if pcre == 1 and g < len(groups) else None
            # The engine's placeholder filter drops masked or stand-in captures ('****'); so does this check.
            if pcre == 1 and not (captured and looks_placeholder(captured)):
                problems.append(f"{where}: counter-example matches: {text[:80]!r}")
            continue
        got = groups[g] if pcre == 1 and g < len(groups) else None
        if got != secret:
            problems.append(f"{where}: example captures {got!r}, expected {secret[:60]!r} (text {text[:60]!r})")
            continue
        if hs_ok[i] and not hs_fired:
            problems.append(f"{where}: Vectorscan does not fire on example {text[:60]!r}")
        whole = groups[0] or ""
        if not any(k.lower() in whole.lower() for k in r.get("keywords", [])):
            problems.append(f"{where}: no keyword in the matched text {whole[:60]!r}")
        if r.get("min_entropy") is not None and entropy(secret) < r["min_entropy"]:
            problems.append(f"{where}: example secret entropy {entropy(secret):.2f} < {r['min_entropy']}")
        if r.get("validate"):
            why = validate(r["validate"], secret)
            if why:
                problems.append(f"{where}: example fails {r['validate']}: {why}")
        if looks_placeholder(secret):
            warnings.append(f"{where}: example secret holds a placeholder word: {secret[:40]!r}")
    return problems, warnings, refused, db_line


def scan(rules, exe, tmp, paths, show, limit=60):
    rules_tsv = os.path.join(tmp, "rules.tsv")
    write_rules_tsv(rules, rules_tsv)
    files = []
    for p in paths:
        if os.path.isfile(p):
            files.append(p)
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = [d for d in dirnames if d != ".git"]
            files.extend(os.path.join(dirpath, n) for n in filenames)
    total = sum(os.path.getsize(f) for f in files if os.path.isfile(f) and not os.path.islink(f))
    proc = subprocess.run([exe, "scan", rules_tsv], input="\n".join(files) + "\n",
                          check=True, capture_output=True, text=True)
    raw, kept = collections.Counter(), collections.defaultdict(list)
    seen = set()
    for line in proc.stdout.splitlines():
        ri, path, lineno, hexsecret = line.split("\t")
        ri = int(ri)
        secret = bytes.fromhex(hexsecret).decode("utf-8", "replace") if hexsecret != "-" else ""
        key = (ri, path, lineno, secret)
        if key in seen:
            continue
        seen.add(key)
        r = rules[ri]
        raw[r["id"]] += 1
        if r.get("min_entropy") is not None and entropy(secret) < r["min_entropy"]:
            continue
        if r.get("validate") and validate(r["validate"], secret):
            continue
        if looks_placeholder(secret):
            continue
        kept[r["id"]].append((path, lineno, secret))
    print(f"scanned {len(files)} files, {total / 1e6:.1f} MB")
    print(f"raw regex hits {sum(raw.values())}; after entropy/validator/placeholder gates "
          f"{sum(len(v) for v in kept.values())}")
    for rid in sorted(set(raw) | set(kept), key=lambda k: -len(kept.get(k, []))):
        print(f"  {rid:45s} raw {raw[rid]:5d}  kept {len(kept.get(rid, [])):5d}")
        if show:
            for path, lineno, secret in kept.get(rid, [])[:limit]:
                short = secret if len(secret) <= 24 else secret[:12] + "..." + secret[-8:]
                print(f"      {path}:{lineno}: {short!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patterns", default=os.path.join(ROOT, "patterns"))
    ap.add_argument("--scan", nargs="+", metavar="PATH")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--limit", type=int, default=60, help="with --show: hits printed per rule")
    ap.add_argument("--only", metavar="ID,...", help="with --scan: run only these rules")
    ap.add_argument("--bench", metavar="FILE")
    ap.add_argument("--hs-flags", type=lambda s: int(s, 0), default=0)
    args = ap.parse_args()
    os.environ["HS_FLAGS"] = str(args.hs_flags)
    rules, problems = load_rules(args.patterns)
    exe = engine_binary()
    with tempfile.TemporaryDirectory() as tmp:
        if args.bench:
            rules_tsv = os.path.join(tmp, "rules.tsv")
            write_rules_tsv(rules, rules_tsv)
            out = subprocess.run([exe, "bench", rules_tsv, args.bench], check=True, capture_output=True,
                                 text=True).stdout.splitlines()
            print(out[0])
            hits = sorted(((int(n), rules[int(i)]["id"]) for _, i, n in (l.split("\t") for l in out[1:])), reverse=True)
            for n, rid in hits[:10]:
                print(f"  {rid:45s} fired {n}")
            return 0
        if args.scan:
            if args.only:
                rules = [r for r in rules if r["id"] in args.only.split(",")]
            scan(rules, exe, tmp, args.scan, args.show, args.limit)
            return 0
        more, warnings, refused, db_line = check(rules, exe, tmp)
    problems += more
    per_file = collections.Counter(r["_file"] for r in rules)
    print(f"{len(rules)} rules in {len(per_file)} files: " + ", ".join(f"{k} {v}" for k, v in sorted(per_file.items())))
    print(f"Vectorscan refuses {len(refused)} pattern(s); all accepted compile into one database: {db_line}")
    for rid, why in refused:
        print(f"  refused {rid}: {why}")
    for w in warnings:
        print("WARN " + w)
    for p in problems:
        print("FAIL " + p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
