#!/usr/bin/env python3
"""Check the labels and the scoring rules against reports whose right score is known.

usage: selftest.py [--labels FILE]     (exit 1 on the first failed check)
"""
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score as S  # noqa: E402
import tokens as T  # noqa: E402


def check(name, got, want):
    if got != want:
        sys.exit(f"selftest: {name}: got {got}, want {want}")
    print(f"ok  {name}")


def hush_report(labels, with_secret=True, absolute_root=None):
    findings = []
    for lab in labels:
        path = f"{absolute_root}/{lab['path']}" if absolute_root else lab["path"]
        findings.append({"rule": "t", "path": path, "line": lab["line"], "end_line": lab["line"],
                         "secret": lab["secret"] if with_secret else "xxxx…"})
    return {"version": 1, "findings": findings}


def main(argv):
    labels = Path(argv[argv.index("--labels") + 1]) if "--labels" in argv else \
        S.REPO / "Fixtures" / "labelled" / "labels.json"
    fx = S.Fixture(labels)
    n_pos = len(fx.positives)
    neg_lines = {(lab["path"], lab["line"]) for lab in fx.negatives}

    crc = [lab["secret"] for lab in fx.positives if lab["secret"][:4] in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_")]
    check(f"all {len(crc)} GitHub/npm positives carry a valid CRC32 checksum",
          all(T.crc_ok(v, v[:4]) for v in crc), True)
    bad = [lab["secret"] for lab in fx.negatives if lab["kind"] == "bad-checksum"]
    check(f"all {len(bad)} bad-checksum negatives fail it", any(T.crc_ok(v, v[:4]) for v in bad), False)

    r = S.score(fx, S.records("hush", hush_report(fx.positives)))["overall"]
    check("every positive reported with its value: precision and recall 1", (r["precision"], r["recall"]), (1.0, 1.0))

    r = S.score(fx, S.records("hush", hush_report(fx.positives, with_secret=False)))["overall"]
    check("every positive reported by line only (redacted)", (r["found"], r["false_positives"]), (n_pos, 0))

    twice = hush_report(fx.positives + fx.positives, absolute_root=fx.root.resolve())
    r = S.score(fx, S.records("hush", twice))["overall"]
    check("each positive reported twice, absolute paths: counted once", (r["found"], r["false_positives"]), (n_pos, 0))

    res = S.score(fx, S.records("hush", hush_report(fx.negatives)))
    check("every hard negative reported: no positive found", res["overall"]["found"], 0)
    check("every hard negative reported: one false positive per negative line",
          res["overall"]["false_positives"], len(neg_lines))
    check("false positives attributed to their negative kind", "unlabelled" in res["false_positives_by_negative_kind"],
          False)

    # a peer format through the shared normalize.py: gitleaks, paths as the tool prints them
    gl = [{"File": str(fx.root / lab["path"]), "StartLine": lab["line"], "RuleID": "t", "Secret": lab["secret"]}
          for lab in fx.positives]
    r = S.score(fx, S.records("gitleaks", gl))["overall"]
    check("gitleaks-format report of every positive", (r["found"], r["false_positives"]), (n_pos, 0))

    # detect-secrets: hashed values only, on the wrong line -> no credit by value alone
    ds = {"results": {}}
    for lab in fx.positives[:20]:
        ds["results"].setdefault(lab["path"], []).append(
            {"type": "t", "line_number": lab["line"], "hashed_secret": hashlib.sha1(lab["secret"].encode()).hexdigest()})
    r = S.score(fx, S.records("detect-secrets", ds))["overall"]
    check("detect-secrets hashed findings on their lines", (r["found"], r["false_positives"]), (20, 0))

    # a finding on an unlabelled line of a labelled file is a false positive
    lab = fx.positives[0]
    free = next(n for n in range(1, 10_000) if all(not (p["line"] <= n <= p["end_line"])
                                                   for p in fx.positives if p["path"] == lab["path"]))
    rep = {"findings": [{"path": lab["path"], "line": free, "secret": "nothing-here"}]}
    r = S.score(fx, S.records("hush", rep))["overall"]
    check("finding on an unlabelled line", (r["found"], r["false_positives"]), (0, 1))

    # a value reported on another line of the same file (key id line carrying the AWS secret)
    aws = next(p for p in fx.positives if p["kind"] == "aws-secret-access-key")
    rep = {"findings": [{"path": aws["path"], "line": aws["line"] - 1, "secret": "AKIA... " + aws["secret"]}]}
    res = S.score(fx, S.records("hush", rep))
    check("value carried by a finding on a neighbouring line", aws["id"] not in {m["id"] for m in res["missed"]}, True)
    print(json.dumps({"labels": str(labels), "positives": n_pos, "negatives": len(fx.negatives), "result": "pass"}))


if __name__ == "__main__":
    main(sys.argv[1:])
