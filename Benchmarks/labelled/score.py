#!/usr/bin/env python3
"""Score one scanner report against the labelled fixture set (Fixtures/labelled).

usage: score.py TOOL REPORT [--labels FILE] [--json] [--details]
  TOOL   hush, or a peer known to the shared peers/normalize.py (kingfisher, gitleaks, betterleaks,
         detect-secrets, credsweeper, trufflehog3, whispers, pybetterleaks, ...); REPORT is that
         tool's native JSON (hush: `hush scan --format json --show-secrets`).
  --labels  labels.json (default Fixtures/labelled/labels.json; the scanned tree is its tree/)
  --json    machine-readable result;  --details  also list missed positives and false positives

How findings are matched (each finding has a path, a line, maybe an end line, and maybe a secret
value or, for detect-secrets, its SHA-1):
  1. Path: made relative to the fixture tree (absolute paths under it, or the longest fixture
     path the reported path ends with).
  2. A finding covers a positive label when it is in the same file and
       a. its lines [line, end_line] overlap the label's [line, end_line] (a PEM block spans
          BEGIN..END), and its value relates to the label: one of the label's forms (`secret`,
          `values`: decoded base64, whole URL, ...) is contained in the reported value, or the
          reported value (>= 8 chars) is contained in one of them, or the SHA-1 matches; a
          finding on a labelled line whose value relates to none of that line's labels (or that
          carries no value) covers all of them -- labels never share a line, so this is the
          label on that line; or
       b. on any line, the reported value contains one of the label's forms of >= 12 characters
          (a tool that reports an AWS key id with its secret as one finding at the id's line).
  3. A positive is found when at least one finding covers it; many findings on one positive count
     once. A finding that covers nothing and is not on an `ignore` line is a false positive;
     false positives are counted as distinct (path, line) locations, and attributed to the hard
     negative labelled on that line, or else to one in that file whose text the finding reports
     (else "unlabelled").
  precision = found / (found + false-positive locations); recall = found / positives; F1 their
  harmonic mean. Per file type: positives and false positives in files of that type.
"""
import hashlib
import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def load_normalize():
    shared = Path(os.environ.get("HUSH_SHARED") or REPO.parent / "shared")
    path = Path(os.environ.get("HUSH_PEERS_SCRIPTS") or shared / "peers") / "normalize.py"
    spec = importlib.util.spec_from_file_location("peers_normalize", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


REDACTION_MARKS = ("…", "***", "REDACTED", "redacted")


def records_hush(report):
    """One record per finding, and one per half of a paired credential (`parts`: an AWS key id
    and its secret reported as one finding), each with its own line and value."""
    def shown(secret):
        if not isinstance(secret, str) or any(m in secret for m in REDACTION_MARKS):
            return None  # redacted: match by line only
        return secret
    for f in report.get("findings") or []:
        if f.get("kind") == "hygiene":
            continue  # a practice (a secret-named ARG, a committed Secret), not a secret: scored apart
        yield dict(path=f.get("path"), line=f.get("line"), end_line=f.get("end_line"),
                   rule=f.get("rule"), secret=shown(f.get("secret")), hashed=None)
        for part in f.get("parts") or []:
            yield dict(path=f.get("path"), line=part.get("line"), end_line=part.get("end_line"),
                       rule=part.get("rule"), secret=shown(part.get("secret")), hashed=None)


def records(tool, report):
    if tool == "hush":
        return list(records_hush(report))
    norm = load_normalize()
    if tool not in norm.PARSERS:
        sys.exit(f"score.py: unknown tool {tool!r} (known: hush, {', '.join(sorted(norm.PARSERS))})")
    return [dict(r, end_line=None) for r in norm.PARSERS[tool](report)]


class Fixture:
    def __init__(self, labels_path):
        self.labels_path = Path(labels_path)
        d = json.loads(self.labels_path.read_text())
        self.root = self.labels_path.parent / "tree"
        self.files = d["files"]
        self.positives, self.negatives, self.ignore = d["positives"], d["negatives"], d.get("ignore", [])
        self.by_path = defaultdict(list)
        for lab in self.positives:
            self.by_path[lab["path"]].append(lab)
        self.line_index = defaultdict(dict)  # path -> line -> label, for negatives and ignores
        for lab in self.negatives + self.ignore:
            for n in range(lab["line"], lab["end_line"] + 1):
                self.line_index[lab["path"]][n] = lab
        self.ignored = {(lab["path"], n) for lab in self.ignore for n in range(lab["line"], lab["end_line"] + 1)}
        self.suffixes = sorted(self.files, key=len, reverse=True)
        self.root_str = str(self.root.resolve())

    def negative_for(self, path, line, secret):
        """The hard negative a false positive hit: the one on its line, else one whose text it reports."""
        lab = self.line_index.get(path, {}).get(line)
        if lab or not secret:
            return lab
        return next((neg for neg in self.negatives if neg["path"] == path and neg["secret"] in str(secret)), None)

    def relpath(self, p):
        p = str(p or "")
        for prefix in (self.root_str + "/", str(self.root) + "/"):
            if p.startswith(prefix):
                return p[len(prefix):]
        p = p[2:] if p.startswith("./") else p
        if p in self.files:
            return p
        return next((k for k in self.suffixes if p.endswith("/" + k)), p)


def forms(lab):
    return [v for v in [lab["secret"]] + list(lab.get("values") or []) if v]


def related(lab, secret, hashed, min_sub=8):
    for v in forms(lab):
        if secret and (v in secret or (len(secret) >= min_sub and secret in v)):
            return True
        if hashed and hashlib.sha1(v.encode()).hexdigest() == hashed:
            return True
    return False


def covers(fx, rec):
    """The positive labels this finding covers (rule 2 in the module doc)."""
    path, secret, hashed = rec["path"], rec.get("secret"), rec.get("hashed")
    secret = str(secret) if secret not in (None, "") else None
    try:
        lo = int(rec.get("line") or 0)
        hi = int(rec.get("end_line") or lo)
    except (TypeError, ValueError):
        lo = hi = 0
    on_lines = [lab for lab in fx.by_path.get(path, []) if lab["line"] <= hi and lo <= lab["end_line"]]
    hit = [lab for lab in on_lines if related(lab, secret, hashed)] or on_lines
    if secret:
        hit += [lab for lab in fx.by_path.get(path, []) if lab not in hit
                and any(len(v) >= 12 and v in secret for v in forms(lab))]
    return hit, lo


def ratio(a, b):
    return a / b if b else 0.0


def prf(found, positives, fp):
    p, r = ratio(found, found + fp), ratio(found, positives)
    return {"positives": positives, "found": found, "false_positives": fp,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(ratio(2 * p * r, p + r), 4)}


def score(fx, recs):
    found, fps = set(), {}
    for rec in recs:
        rec = dict(rec, path=fx.relpath(rec.get("path")))
        hit, line = covers(fx, rec)
        if hit:
            found.update(lab["id"] for lab in hit)
        elif (rec["path"], line) not in fx.ignored:
            fps.setdefault((rec["path"], line), rec)
    ftype = lambda path: fx.files.get(path, "other")
    result = {"overall": prf(len(found), len(fx.positives), len(fps)), "findings": len(recs),
              "by_file_type": {}, "recall_by_kind": {}, "false_positives_by_negative_kind": {}}
    for t in sorted(set(fx.files.values()) | {ftype(p) for p, _ in fps}):
        pos = [lab for lab in fx.positives if lab["file_type"] == t]
        result["by_file_type"][t] = prf(sum(lab["id"] in found for lab in pos), len(pos),
                                        sum(ftype(p) == t for p, _ in fps))
    for kind in sorted({lab["kind"] for lab in fx.positives}):
        pos = [lab for lab in fx.positives if lab["kind"] == kind]
        result["recall_by_kind"][kind] = f"{sum(lab['id'] in found for lab in pos)}/{len(pos)}"
    by_neg = defaultdict(int)
    for (p, n), rec in fps.items():
        lab = fx.negative_for(p, n, rec.get("secret"))
        by_neg[lab["kind"] if lab else "unlabelled"] += 1
    neg_total = defaultdict(int)
    for lab in fx.negatives:
        neg_total[lab["kind"]] += 1
    for kind in sorted(set(by_neg) | set(neg_total)):
        result["false_positives_by_negative_kind"][kind] = (f"{by_neg.get(kind, 0)}/{neg_total[kind]}"
                                                            if kind in neg_total else str(by_neg[kind]))
    result["missed"] = [{k: lab[k] for k in ("id", "path", "line", "kind", "provider")}
                        for lab in fx.positives if lab["id"] not in found]
    result["false_positive_locations"] = [{"path": p, "line": n, "rule": r.get("rule"),
                                           "negative": (fx.negative_for(p, n, r.get("secret")) or {}).get("kind")}
                                          for (p, n), r in sorted(fps.items(), key=lambda x: (x[0][0], x[0][1]))]
    return result


def fmt_row(name, m):
    return (f"{name:<14} {m['positives']:>5} {m['found']:>5} {m['false_positives']:>5} "
            f"{m['precision']:>7.3f} {m['recall']:>7.3f} {m['f1']:>7.3f}")


def print_text(tool, res, details):
    o = res["overall"]
    print(f"{tool}: {res['findings']} findings; precision {o['precision']:.3f}  recall {o['recall']:.3f}  "
          f"F1 {o['f1']:.3f}  ({o['found']}/{o['positives']} positives found, {o['false_positives']} false positives)")
    print(f"{'file type':<14} {'pos':>5} {'found':>5} {'FP':>5} {'prec':>7} {'recall':>7} {'F1':>7}")
    for t, m in res["by_file_type"].items():
        print(fmt_row(t, m))
    print("recall by kind: " + ", ".join(f"{k} {v}" for k, v in res["recall_by_kind"].items()))
    print("false positives by hard-negative kind (flagged/planted): "
          + ", ".join(f"{k} {v}" for k, v in res["false_positives_by_negative_kind"].items()))
    if details:
        for m in res["missed"]:
            print(f"  missed {m['id']} {m['path']}:{m['line']} {m['kind']} ({m['provider']})")
        for f in res["false_positive_locations"]:
            print(f"  false positive {f['path']}:{f['line']} rule={f['rule']} negative={f['negative']}")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = {a for a in argv if a.startswith("--")}
    labels = REPO / "Fixtures" / "labelled" / "labels.json"
    if "--labels" in argv:
        i = argv.index("--labels")
        labels = Path(argv[i + 1])
        args.remove(argv[i + 1])
    if len(args) != 2:
        sys.exit(__doc__)
    tool, report_path = args
    text = Path(report_path).read_text()
    report = json.loads(text) if text.strip() else {}
    fx = Fixture(labels)
    res = score(fx, records(tool, report))
    res = dict({"tool": tool}, **res)
    if "--json" in opts:
        if "--details" not in opts:
            res.pop("missed")
            res.pop("false_positive_locations")
        print(json.dumps(res, indent=1))
    else:
        print_text(tool, res, "--details" in opts)


if __name__ == "__main__":
    main(sys.argv[1:])
