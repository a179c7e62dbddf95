#!/usr/bin/env bash
# Benchmarks/suppression-cost.sh [RUNS]
# What team-sized suppression costs (#13): the throughput corpus (make-corpus.sh) scanned with a
# 10,000-entry baseline, a .hush.yaml with a 1,000-entry ignore list, 50 allow regexes and 20
# stopwords, against the same scan with none of them (--no-config, no baseline); alternating runs,
# medians. The fingerprints are random (they match nothing), so both scans report the same
# findings and only the cost of checking differs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
hush=${HUSH:-$here/../.build/release/hush}
corpus=${HUSH_BENCH_CORPUS:-$here/out/corpus}
out=$here/out/suppression
mkdir -p "$out"
"$here/make-corpus.sh" >/dev/null
python3 - "$out" <<'PY'
import json, random, sys
out = sys.argv[1]
random.seed(13)
hexes = lambda n: ["".join(random.choice("0123456789abcdef") for _ in range(64)) for _ in range(n)]
findings = [{"rule": "generic-password", "path": "x", "line": 1, "column": 1, "end_line": 1, "end_column": 2,
             "secret": "x…", "fingerprint": f, "confidence": "low", "entropy": 1.0, "validation": "none",
             "rule_name": "x"} for f in hexes(10_000)]
json.dump({"version": 1, "tool": {"name": "hush", "version": "bench"}, "secrets_redacted": True, "findings": findings,
           "errors": [], "stats": {"files": 0, "bytes": 0, "skipped": {}, "suppressed": {"inline_allow": 0, "baseline": 0,
           "filtered": 0}, "errors": 0, "seconds": 0, "findings": len(findings)}}, open(f"{out}/baseline.json", "w"))
with open(f"{out}/hush.yaml", "w") as f:
    f.write("stopwords: [" + ", ".join(f"stop{i}word" for i in range(20)) + "]\nallow:\n")
    for i in range(50):
        f.write(f'  - regex: "bench{i}-[a-z0-9]{{8,}}"\n')
    f.write("ignore:\n")
    for h in hexes(1_000):
        f.write(f"  - fingerprint: {h}\n    reason: bench\n")
PY
rm -f "$out/times.txt"
for i in $(seq "$runs"); do
  /usr/bin/time -f "plain %e" -a -o "$out/times.txt" "$hush" scan --no-history --no-config --format json -o "$out/plain.json" "$corpus" || true
  /usr/bin/time -f "suppressed %e" -a -o "$out/times.txt" "$hush" scan --no-history --config "$out/hush.yaml" \
    --baseline "$out/baseline.json" --format json -o "$out/suppressed.json" "$corpus" || true
done
python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
t = {"plain": [], "suppressed": []}
for line in open(f"{out}/times.txt"):
    parts = line.split()
    if len(parts) == 2 and parts[0] in t: t[parts[0]].append(float(parts[1]))
m = {k: statistics.median(v) for k, v in t.items()}
a, b = (json.load(open(f"{out}/{n}.json"))["findings"] for n in ("plain", "suppressed"))
print(f"plain {m['plain']:.2f} s, with suppression {m['suppressed']:.2f} s over {len(t['plain'])} runs each: "
      f"{(m['suppressed'] / m['plain'] - 1):+.1%}; findings {len(a)} and {len(b)}")
PY
