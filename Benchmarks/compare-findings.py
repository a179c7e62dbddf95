#!/usr/bin/env python3
"""Compare two hush JSON reports place by place.

Usage: Benchmarks/compare-findings.py BEFORE.json AFTER.json

Every place of every finding counts on its own: a finding with `locations` contributes one
(rule, path, line, column, fingerprint) per location. Prints the counts and any place found by one
report and not the other; exits 1 when the sets differ.
"""
import json
import sys


def places(path):
    with open(path) as f:
        report = json.load(f)
    out = set()
    for finding in report["findings"]:
        for place in finding.get("locations") or [finding]:
            out.add((finding["rule"], place["path"], place["line"], place["column"], place["fingerprint"]))
    return report, out


def main():
    before_report, before = places(sys.argv[1])
    after_report, after = places(sys.argv[2])
    print(f"before: {len(before_report['findings'])} findings, {len(before)} places")
    print(f"after:  {len(after_report['findings'])} findings, {len(after)} places"
          f" ({after_report['stats'].get('duplicates', 0)} duplicate blobs not rescanned)")
    only_before, only_after = sorted(before - after), sorted(after - before)
    for place in only_before[:20]:
        print("  only before:", place)
    for place in only_after[:20]:
        print("  only after: ", place)
    print("identical" if not only_before and not only_after else
          f"DIFFERENT: {len(only_before)} only before, {len(only_after)} only after")
    return 0 if before == after else 1


if __name__ == "__main__":
    sys.exit(main())
