#!/usr/bin/env bash
# image-peers.sh [--tools "hush kingfisher betterleaks"] [--runs N] [DIR]   (make bench-image)
#   The image benchmark: builds DIR (default Benchmarks/out/image-bench) with make-bench-image.py
#   when it is missing (a 4-layer Debian+Python image from this machine's own files, ~620 MB
#   uncompressed, as an OCI archive with gzip layers and as an uncompressed docker-archive, plus the
#   same files unpacked), then scans each form with hush and the peers under the same GNU time
#   wrapper and offline sandbox (`unshare -n`), and prints one table: wall s, peak RSS MB, CPU s,
#   findings, and how many of the 4 planted tokens (one deleted by a whiteout, one in config Env)
#   each tool reported. With --runs N the fastest of N runs is kept.
#   - hush:        hush scan TARGET --format json --show-secrets
#   - kingfisher:  run.sh kingfisher TARGET OUT image   (scan docker --archive)
#   - betterleaks: run.sh betterleaks TARGET OUT image  (fs --max-archive-depth 8)
#   Output: DIR/results/ (reports, GNU time logs, table.txt).
set -uo pipefail
source "$(dirname "$0")/lib/measure.sh"

tools=(hush kingfisher betterleaks)
runs=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --tools) read -r -a tools <<<"$2"; shift ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) break ;;
  esac
  shift
done
dir=${1:-$bench_dir/out/image-bench}
require_hush || exit 1
[[ -e $dir/planted.json ]] || python3 "$bench_dir/make-bench-image.py" "$dir" || exit 1
for t in "${tools[@]}"; do
  [[ $t == hush ]] && continue
  if [[ ! -e $PEERS_HOME/bin/$t ]]; then
    mkdir -p "$PEERS_HOME"
    "$peers_dir/install.sh" > "$PEERS_HOME/install.log" 2>&1 || { echo "peer install failed" >&2; exit 1; }
    break
  fi
done
out=$dir/results
mkdir -p "$out"

# planted TOOL REPORT: how many of the planted tokens the report holds (secret text anywhere in it)
planted() {
  python3 - "$dir/planted.json" "$2" <<'PY' 2>/dev/null || echo '?'
import json, sys
tokens = json.load(open(sys.argv[1]))["tokens"].values()
text = open(sys.argv[2], errors="replace").read()
print(f"{sum(t in text for t in tokens)}/4")
PY
}

{
  echo "image: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%d MB uncompressed, %d MB gzip" % (d["uncompressed_bytes"]/1e6, d["gzip_bytes"]/1e6))' "$dir/planted.json") (load $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '| %-9s | %-12s | %8s | %9s | %7s | %8s | %s |\n' form tool "wall s" "peak RSS" "CPU s" findings planted
  printf '| --- | --- | --- | --- | --- | --- | --- |\n'
  for form in image-oci.tar image-docker.tar rootfs; do
    target=$dir/$form
    cat "$target" > /dev/null 2>&1 || warm_cache "$target"
    for t in "${tools[@]}"; do
      [[ $form == rootfs && $t != hush ]] && continue
      best=""
      for ((r = 1; r <= runs; r++)); do
        if [[ $t == hush ]]; then
          timed "$out/$t-$form" unshare -n "$hush_bin" scan "$target" --format json --show-secrets -o "$out/$t-$form.json"
        else
          rm -f "$out/$t-$form.json"
          timed "$out/$t-$form" "$peers_dir/run.sh" "$t" "$target" "$out/$t-$form.json" "$([[ $form == rootfs ]] && echo dir || echo image)"
        fi
        wall=$(time_wall "$out/$t-$form.time")
        if [[ -z $best ]] || awk "BEGIN{exit !($wall < $best)}"; then
          best=$wall
          cp "$out/$t-$form.time" "$out/$t-$form.best.time"
        fi
      done
      if [[ -s $out/$t-$form.json ]]; then
        found=$(count_findings "$t" "$out/$t-$form.json"); got=$(planted "$t" "$out/$t-$form.json")
      else
        found="(none: $(tail -c 120 "$out/$t-$form.log" | tr '\n' ' '))"; got=0/4
      fi
      printf '| %-9s | %-12s | %8s | %6s MB | %7s | %8s | %s |\n' "$form" "$t" "$best" \
        "$(time_rss_mb "$out/$t-$form.best.time")" "$(time_cpu "$out/$t-$form.best.time")" "$found" "$got"
    done
  done
} | tee "$out/table.txt"
