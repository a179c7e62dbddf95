#!/usr/bin/env bash
# Benchmarks/structured/bench.sh OUT [RUNS] [MIRRORS]
# What the structured analyzers (Kubernetes, compose, Dockerfile) cost: builds the trees of lock.tsv
# under OUT from bare mirrors with git plumbing, then times `hush scan --no-history` with and without
# `--text-only`, alternating, RUNS times each (default 15), and prints the medians of wall and CPU
# time and the throughput lost to structure. Findings per rule of both runs go to OUT/*.json.
set -euo pipefail
out=${1:?usage: bench.sh OUT [RUNS] [MIRRORS]}
runs=${2:-15}
mirrors=${3:-/work/.mirror}
here=$(cd "$(dirname "$0")" && pwd)
hush=${HUSH:-$here/../../.build/release/hush}
tree=$out/tree
mkdir -p "$tree"
grep -v '^#' "$here/lock.tsv" | while IFS=$'\t' read -r name repo commit; do
  mirror="$mirrors/${repo/\//+}/repo"
  if [[ ! -d $mirror ]]; then echo "bench.sh: no mirror of $repo at $mirror (fetch it first)" >&2; exit 2; fi
  if [[ ! -d $tree/$name ]]; then
    mkdir -p "$tree/$name"
    git --git-dir="$mirror" --work-tree="$tree/$name" checkout -f "$commit" -- .
  fi
done
bytes=$(du -sb "$tree" | cut -f1)
"$hush" scan --no-history --format json -o "$out/structured.json" "$tree" || true
"$hush" scan --no-history --text-only --format json -o "$out/text-only.json" "$tree" || true
for i in $(seq "$runs"); do
  for mode in structured text-only; do
    flag=""; [[ $mode == text-only ]] && flag=--text-only
    /usr/bin/time -f "$mode %e %U %S" -a -o "$out/times.txt" "$hush" scan --no-history $flag --format json -o /dev/null "$tree" || true
  done
done
python3 - "$out/times.txt" "$bytes" "$out/structured.json" "$out/text-only.json" <<'PY'
import collections, json, statistics, sys
times = collections.defaultdict(lambda: ([], []))
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 4 and parts[0] in ("structured", "text-only"):
        times[parts[0]][0].append(float(parts[1]))
        times[parts[0]][1].append(float(parts[2]) + float(parts[3]))
mb = int(sys.argv[2]) / 1e6
med = {m: (statistics.median(w), statistics.median(c)) for m, (w, c) in times.items()}
for m, (w, c) in med.items():
    print(f"{m:10s} wall {w:.3f} s ({mb / w:.0f} MB/s)  cpu {c:.3f} s  over {len(times[m][0])} runs, {mb:.1f} MB")
lost = 1 - med["text-only"][0] / med["structured"][0]
print(f"throughput lost to structure: {lost:.1%} (wall), {1 - med['text-only'][1] / med['structured'][1]:.1%} (cpu)")
for name in sys.argv[3:]:
    rules = collections.Counter(f["rule"] for f in json.load(open(name))["findings"])
    print(name.split("/")[-1], sum(rules.values()), "findings:", ", ".join(f"{r} {n}" for r, n in rules.most_common()))
PY
