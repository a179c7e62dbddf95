#!/usr/bin/env python3
"""Side-by-side detection quality of several scanners on the labelled fixture set.

usage: compare.py [--labels FILE] [--json OUT.json] TOOL=REPORT [TOOL=REPORT ...]
Scores each report with score.py's rules and prints: overall precision/recall/F1 per tool, then
P/R/F1 per file type, recall per secret kind and false positives per hard-negative kind, with one
column per tool. --json also writes every tool's full score.py result to OUT.json.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score as S  # noqa: E402


def table(title, rows, tools, cell, width=14):
    print(f"\n{title}")
    print(f"{'':<24}" + "".join(f"{t[:width]:>{width + 1}}" for t in tools))
    for row in rows:
        print(f"{row:<24}" + "".join(f"{cell(t, row):>{width + 1}}" for t in tools))


def main(argv):
    labels, out = S.REPO / "Fixtures" / "labelled" / "labels.json", None
    pairs = []
    it = iter(argv)
    for a in it:
        if a == "--labels":
            labels = Path(next(it))
        elif a == "--json":
            out = Path(next(it))
        elif "=" in a:
            pairs.append(a.split("=", 1))
        else:
            sys.exit(__doc__)
    if not pairs:
        sys.exit(__doc__)
    fx = S.Fixture(labels)
    results = {}
    for tool, report in pairs:
        text = Path(report).read_text()
        results[tool] = S.score(fx, S.records(tool, json.loads(text) if text.strip() else {}))
    tools = list(results)

    print(f"labelled set: {len(fx.files)} files, {len(fx.positives)} positives, {len(fx.negatives)} hard negatives")
    print(f"{'tool':<16} {'findings':>8} {'found':>9} {'FP':>5} {'precision':>9} {'recall':>7} {'F1':>7}")
    for t in tools:
        o = results[t]["overall"]
        print(f"{t:<16} {results[t]['findings']:>8} {o['found']:>5}/{o['positives']:<3} {o['false_positives']:>5} "
              f"{o['precision']:>9.3f} {o['recall']:>7.3f} {o['f1']:>7.3f}")

    types = [k for k in results[tools[0]]["by_file_type"] if any(
        results[t]["by_file_type"].get(k, {}).get("positives") or results[t]["by_file_type"].get(k, {}).get("false_positives")
        for t in tools)]

    def prf_cell(t, ftype):
        m = results[t]["by_file_type"].get(ftype)
        if not m:
            return "-"
        if not m["positives"]:
            return f"FP {m['false_positives']}"
        return f"{m['precision']:.2f}/{m['recall']:.2f}/{m['f1']:.2f}"
    table("precision/recall/F1 by file type (files with no positives: false positives only)", types, tools, prf_cell)
    kinds = list(results[tools[0]]["recall_by_kind"])
    table("recall by secret kind (found/planted)", kinds, tools, lambda t, k: results[t]["recall_by_kind"][k])
    negs = sorted({k for t in tools for k in results[t]["false_positives_by_negative_kind"]})
    table("false positives by hard-negative kind (flagged/planted)", negs, tools,
          lambda t, k: results[t]["false_positives_by_negative_kind"].get(k, "0"))
    if out:
        out.write_text(json.dumps({t: dict({"tool": t}, **r) for t, r in results.items()}, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
