#!/usr/bin/env bash
# scan-peers.sh [--quick] [--runs N] [--tools "hush kingfisher gitleaks"] [CORPUS]   (make bench-peers)
#   Scan the same corpus with hush and the peer scanners in one run, each through the same GNU
#   time wrapper and the same offline sandbox (`unshare -n`), and print one table: tool, MB,
#   wall s, MB/s, peak RSS MB, CPU s, findings, and hush's throughput and peak RSS as ratios to
#   each peer. The target of the scanner-foundation issue: hush >= 2x Kingfisher's MB/s with a
#   peak RSS no higher than Kingfisher's.
#   - The peers are installed first when missing (the shared install.sh, state in PEERS_HOME,
#     default Benchmarks/out/peers); they run through the shared run.sh, so with its flags
#     (kingfisher: --no-validate --git-history none; gitleaks: dir).
#   - Every tool first scans a one-file directory untimed (kingfisher compiles its rule cache
#     there), the corpus is read once into the page cache, then N rounds (default 3) run the
#     tools in turn; each cell is the tool's median round.
#   - Without a hush binary (make release), hush is left out and the peers are still measured.
#   CORPUS defaults to Benchmarks/out/corpus (make-corpus.sh); --quick uses its swift-nio tree.
#   Output: Benchmarks/out/peers-bench/<corpus>/ (reports, GNU time logs, table.txt).
set -uo pipefail
source "$(dirname "$0")/lib/measure.sh"

quick=0; runs=3; tools=(hush kingfisher gitleaks)
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --tools) read -r -a tools <<<"$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) break ;;
  esac
  shift
done
corpus=${1:-$default_corpus}
[[ $quick == 1 && $# -eq 0 ]] && corpus=$default_corpus/apple/swift-nio

# which tools can run
active=()
for t in "${tools[@]}"; do
  if [[ $t == hush ]]; then
    require_hush 2>/dev/null && active+=(hush) || echo "note: $hush_bin missing (make release): hush left out" >&2
  else
    active+=("$t")
  fi
done
peers=(); for t in "${active[@]}"; do [[ $t != hush ]] && peers+=("$t"); done
if [[ ${#peers[@]} -gt 0 ]]; then
  [[ -x $peers_dir/run.sh ]] || { echo "no peer scripts at $peers_dir (set HUSH_SHARED)" >&2; exit 1; }
  missing=0
  for t in "${peers[@]}"; do
    [[ -e $PEERS_HOME/bin/$t || -x $PEERS_HOME/.venv/bin/$t ]] || missing=1
  done
  if [[ $missing == 1 ]]; then
    echo "installing the peers into $PEERS_HOME (about 1-2 minutes)" >&2
    mkdir -p "$PEERS_HOME"
    "$peers_dir/install.sh" > "$PEERS_HOME/install.log" 2>&1 \
      || { echo "peer install failed; see $PEERS_HOME/install.log" >&2; exit 1; }
  fi
fi
[[ ${#active[@]} -gt 0 ]] || { echo "nothing to run" >&2; exit 1; }

ensure_corpus "$corpus" || exit 1
corpus=$(cd "$corpus" && pwd)
clean_corpus "$corpus"
read -r bytes files < <(tree_stats "$corpus")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1048576}')
out=$bench_dir/out/peers-bench/$(basename "$corpus"); mkdir -p "$out"

net=(); unshare -n true 2>/dev/null && net=(unshare -n)   # the same sandbox run.sh puts peers in
run_tool() { # run_tool TOOL TARGET REPORT LOGPREFIX
  if [[ $1 == hush ]]; then
    timed "$4" "${net[@]}" "$hush_bin" scan "$2" --format json --output "$3"
  else
    timed "$4" "$peers_dir/run.sh" "$1" "$2" "$3" dir
  fi
}

# untimed warm-up on a one-file directory: binaries paged in, kingfisher's rule cache compiled
tiny=$out/warmup-tree; mkdir -p "$tiny"; echo 'let greeting = "hello"' > "$tiny/main.swift"
for t in "${active[@]}"; do run_tool "$t" "$tiny" "$out/warmup-$t.json" "$out/warmup-$t"; done
warm_cache "$corpus"

declare -A walls rss cpu nfind rcs
for r in $(seq 1 "$runs"); do
  for t in "${active[@]}"; do
    rep=$out/$t-$r.json; rm -f "$rep"
    run_tool "$t" "$corpus" "$rep" "$out/$t-$r"
    rc=$?
    clean_corpus "$corpus"
    if [[ $rc == 124 || $rc == 137 ]]; then
      echo "$t round $r: timed out after ${BENCH_TIMEOUT:-900} s" >&2; rcs[$t]+="timeout "; continue
    fi
    ok=$([[ $t == hush ]] && echo 1 || echo 0)   # hush: 0 = clean, 1 = findings
    if (( rc > ok )); then echo "$t round $r: exit $rc; see $out/$t-$r.log" >&2; fi
    w=$(time_wall "$out/$t-$r.time")
    walls[$t]+="$w "; rss[$t]+="$(time_rss_mb "$out/$t-$r.time") "; cpu[$t]+="$(time_cpu "$out/$t-$r.time") "
    nfind[$t]+="$(count_findings "$t" "$rep") "; rcs[$t]+="$rc "
    echo "round $r: $t ${w}s" >&2
  done
done

# pick, per tool, the round whose wall time is the median
pick() { # pick TOOL -> "wall rss cpu findings"
  local -a w=(${walls[$1]:-}) m=(${rss[$1]:-}) c=(${cpu[$1]:-}) f=(${nfind[$1]:-})
  [[ ${#w[@]} -gt 0 ]] || { echo "- - - -"; return; }
  local med i best=0 bd=
  med=$(median "${w[@]}")
  for i in "${!w[@]}"; do
    d=$(awk -v a="${w[$i]}" -v b="$med" 'BEGIN{d=a-b; if (d<0) d=-d; print d}')
    if [[ -z $bd ]] || awk -v a="$d" -v b="$bd" 'BEGIN{exit !(a<b)}'; then bd=$d; best=$i; fi
  done
  echo "${w[$best]} ${m[$best]} ${c[$best]} ${f[$best]}"
}

{
  echo "corpus: $corpus ($mb MB, $files files); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); median of $runs rounds"
  printf '%-12s %8s %8s %8s %8s %8s %9s  %s\n' tool MB wall_s MB/s rss_MB cpu_s findings "walls (s)"
  for t in "${active[@]}"; do
    read -r w m c f < <(pick "$t")
    printf '%-12s %8s %8s %8s %8s %8s %9s  %s\n' "$t" "$mb" "$w" "$(ratio "$mb" "$w")" "$m" "$c" "$f" "${walls[$t]:-}"
  done
  if [[ " ${active[*]} " == *" hush "* ]]; then
    read -r hw hm _ _ < <(pick hush)
    for t in "${peers[@]}"; do
      read -r pw pm _ _ < <(pick "$t")
      # throughput ratio = peer wall / hush wall (same MB); memory ratio = hush RSS / peer RSS
      echo "hush vs $t: throughput x$(ratio "$pw" "$hw"), peak RSS x$(ratio "$hm" "$pm")"
      if [[ $t == kingfisher ]]; then
        verdict=$(awk -v tp="$(ratio "$pw" "$hw")" -v mr="$(ratio "$hm" "$pm")" \
          'BEGIN{ if (tp=="-" || mr=="-") print "n/a"; else if (tp>=2 && mr<=1) print "MET"; else print "NOT MET" }')
        echo "target (>= 2x kingfisher throughput, <= its peak RSS): $verdict"
      fi
    done
  fi
} | tee "$out/table.txt"
