#!/usr/bin/env bash
# history-peers.sh [--tools "hush kingfisher betterleaks gitleaks"] REPO...   (make bench-history)
#   Scan the full git history of each REPO (a clone with a working tree or a bare repository)
#   with hush and the peers in one run, each under the same GNU time wrapper and offline
#   sandbox (`unshare -n`), and print one table per repository: wall s, peak RSS MB, CPU s,
#   findings (hush: findings, and places in brackets).
#   - hush:        hush scan REPO --format json        (working tree + every ref's history)
#   - peers:       the shared run.sh in git mode (kingfisher --git-history full, gitleaks git,
#                  betterleaks git); installed first when missing.
#   The repositories benchmarked for the README are listed in Benchmarks/history-repos.lock
#   (owner/name and the commit HEAD was at); bring them with the search tool's fetch and
#   `git clone --no-checkout MIRROR DIR`. A repository with missing objects (a snapshot without
#   its large blobs) makes gitleaks and betterleaks stop at the first one: use complete ones.
#   Output: Benchmarks/out/history-bench/<repo>/ (reports, GNU time logs, table.txt).
set -uo pipefail
source "$(dirname "$0")/lib/measure.sh"

tools=(hush kingfisher betterleaks gitleaks)
while [[ $# -gt 0 ]]; do
  case $1 in
    --tools) read -r -a tools <<<"$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
  shift
done
[[ $# -gt 0 ]] || { sed -n '2,16p' "$0"; exit 2; }
require_hush || exit 1
PEERS_HOME=${PEERS_HOME:-$bench_dir/out/peers}
export PEERS_HOME
for t in "${tools[@]}"; do
  [[ $t == hush ]] && continue
  if [[ ! -e $PEERS_HOME/bin/$t ]]; then
    echo "installing the peers into $PEERS_HOME" >&2
    mkdir -p "$PEERS_HOME"
    "$peers_dir/install.sh" > "$PEERS_HOME/install.log" 2>&1 || { echo "peer install failed" >&2; exit 1; }
    break
  fi
done

for repo in "$@"; do
  repo=$(cd "$repo" && pwd) || exit 1
  name=$(basename "$repo")
  out=$bench_dir/out/history-bench/$name
  mkdir -p "$out"
  commits=$(git -C "$repo" rev-list --all --count)
  blobs=$(git -C "$repo" rev-list --objects --all | git -C "$repo" cat-file --batch-check='%(objecttype) %(objectsize) %(rest)' \
    | awk '$1=="blob"{n++; s+=$2} END{printf "%d blobs, %.0f MB", n, s/1e6}')
  # warm the page cache with the object store
  cat "$(git -C "$repo" rev-parse --absolute-git-dir)"/objects/pack/*.pack > /dev/null 2>&1
  {
    echo "$name: $commits commits, $blobs (load $(cut -d' ' -f1-3 /proc/loadavg))"
    printf '| %-12s | %8s | %9s | %7s | %s |\n' tool "wall s" "peak RSS" "CPU s" findings
    printf '| --- | --- | --- | --- | --- |\n'
    for t in "${tools[@]}"; do
      if [[ $t == hush ]]; then
        timed "$out/hush" unshare -n "$hush_bin" scan "$repo" --format json -o "$out/hush.json"
        found=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; n=sum(max(1, len(x.get("locations") or [])) for x in f); print("%d (%d places)" % (len(f), n))' "$out/hush.json" 2>/dev/null || echo '?')
      else
        timed "$out/$t" "$peers_dir/run.sh" "$t" "$repo" "$out/$t.json" git
        found=$(count_findings "$t" "$out/$t.json")
      fi
      printf '| %-12s | %8s | %6s MB | %7s | %s |\n' "$t" "$(time_wall "$out/$t.time")" "$(time_rss_mb "$out/$t.time")" "$(time_cpu "$out/$t.time")" "$found"
    done
  } | tee "$out/table.txt"
done
