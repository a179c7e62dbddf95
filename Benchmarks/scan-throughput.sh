#!/usr/bin/env bash
# scan-throughput.sh [--quick] [--runs N] [CORPUS]      (make bench; make bench-quick = --quick)
#   Time `hush scan CORPUS --format json --output FILE` under GNU time and print, per run:
#   MB, wall seconds, MB/s, files/s, peak RSS MB, CPU seconds, findings.
#   CORPUS defaults to Benchmarks/out/corpus (built by make-corpus.sh when missing, ~540 MB);
#   --quick scans only the swift-nio tree inside it (~9 MB) for fast iteration.
#   The first run is reported as "first" (the page cache may be cold for it), then the corpus is
#   read once more and N warm runs follow (default 3, or 5 with --quick); the summary line is the
#   median warm run. Reports and GNU time logs go to Benchmarks/out/throughput/.
#   Env: HUSH_BIN (default .build/release/hush), BENCH_TIMEOUT (seconds per run, default 900).
set -uo pipefail
source "$(dirname "$0")/lib/measure.sh"

quick=0; runs=
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) break ;;
  esac
  shift
done
corpus=${1:-$default_corpus}
[[ $quick == 1 && $# -eq 0 ]] && corpus=$default_corpus/apple/swift-nio
runs=${runs:-$(( quick ? 5 : 3 ))}

require_hush || exit 1
ensure_corpus "$corpus" || exit 1
corpus=$(cd "$corpus" && pwd)
clean_corpus "$corpus"
read -r bytes files < <(tree_stats "$corpus")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1048576}')
out=$bench_dir/out/throughput/$(basename "$corpus"); mkdir -p "$out"

echo "hush throughput: $corpus ($mb MB, $files files), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %8s %8s %8s %9s %8s %8s %9s %3s\n' run MB wall_s MB/s files/s rss_MB cpu_s findings rc
walls=(); rows=()
for i in $(seq 0 "$runs"); do
  name=$([[ $i == 0 ]] && echo first || echo "warm$i")
  [[ $i == 1 ]] && warm_cache "$corpus"
  rep=$out/$name.json; rm -f "$rep"
  timed "$out/$name" "$hush_bin" scan "$corpus" --format json --output "$rep"
  rc=$?
  clean_corpus "$corpus"
  if [[ $rc == 124 || $rc == 137 ]]; then echo "$name: timed out after ${BENCH_TIMEOUT:-900} s" >&2; continue; fi
  if [[ $rc -gt 1 ]]; then
    echo "$name: hush exited $rc (2 = scan error); see $out/$name.log" >&2
    tail -5 "$out/$name.log" >&2
  fi
  wall=$(time_wall "$out/$name.time"); rss=$(time_rss_mb "$out/$name.time"); cpu=$(time_cpu "$out/$name.time")
  n=$(count_findings hush "$rep")
  row=$(printf '%-6s %8s %8s %8s %9s %8s %8s %9s %3s' "$name" "$mb" "$wall" "$(ratio "$mb" "$wall")" \
        "$(awk -v f="$files" -v w="$wall" 'BEGIN{ if (w>0) printf "%.0f", f/w; else print "-" }')" \
        "$rss" "$cpu" "$n" "$rc")
  echo "$row"
  if [[ $i -gt 0 ]]; then walls+=("$wall"); rows+=("$row"); fi
done
[[ ${#walls[@]} -gt 0 ]] || exit 1
med=$(median "${walls[@]}")
# the summary is the warm run whose wall time is the median (for an even count, the one closest)
best=$(printf '%s\n' "${rows[@]}" | awk -v m="$med" '{d=$3-m; if (d<0) d=-d; if (!seen || d<bd) {bd=d; r=$0; seen=1}} END{print r}')
echo "median warm run: $(echo "$best" | awk '{printf "%s MB in %s s = %s MB/s, %s files/s, peak RSS %s MB, %s findings", $2, $3, $4, $5, $6, $8}')"
