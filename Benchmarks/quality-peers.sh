#!/usr/bin/env bash
# quality-peers.sh [--tools "hush kingfisher ..."] [--regenerate]      (make bench-quality)
#   Detection quality on the labelled fixture set: scan Fixtures/labelled/tree with hush and the
#   peers (kingfisher, gitleaks, betterleaks, detect-secrets, credsweeper by default), score every
#   report against Fixtures/labelled/labels.json (Benchmarks/labelled/score.py), and print
#   precision/recall/F1 per tool, per file type, recall per secret kind and false positives per
#   hard-negative kind.
#   hush runs as `hush scan TREE --format json --show-secrets --output R` (secrets are fakes, and
#   the values let findings be matched by value as well as by line); without a hush binary it is
#   left out. Peers run through the shared run.sh (offline); missing peers are installed first.
#   --regenerate rebuilds the fixture set first (generate.py; deterministic).
#   Output: Benchmarks/out/quality/ (native reports, logs, scores.json).
set -uo pipefail
source "$(dirname "$0")/lib/measure.sh"

tools=(hush kingfisher gitleaks betterleaks detect-secrets credsweeper)
while [[ $# -gt 0 ]]; do
  case $1 in
    --tools) read -r -a tools <<<"$2"; shift ;;
    --regenerate) python3 "$bench_dir/labelled/generate.py" || exit 1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
tree=$repo_root/Fixtures/labelled/tree
labels=$repo_root/Fixtures/labelled/labels.json
[[ -f $labels ]] || { echo "no $labels: run Benchmarks/labelled/generate.py" >&2; exit 1; }
out=$bench_dir/out/quality; mkdir -p "$out"
# the labels and the scoring rules first: a failure here makes every number below meaningless
python3 "$bench_dir/labelled/selftest.py" --labels "$labels" > "$out/selftest.log" \
  || { cat "$out/selftest.log" >&2; echo "selftest failed" >&2; exit 1; }

pairs=()
for t in "${tools[@]}"; do
  rep=$out/$t.json; rm -f "$rep"
  if [[ $t == hush ]]; then
    require_hush 2>/dev/null || { echo "note: $hush_bin missing (make release): hush left out" >&2; continue; }
    timed "$out/$t" "$hush_bin" scan "$tree" --format json --show-secrets --output "$rep"
    rc=$?; (( rc <= 1 )) || { echo "hush exited $rc; see $out/$t.log" >&2; continue; }
  else
    if [[ ! -e $PEERS_HOME/bin/$t && ! -x $PEERS_HOME/.venv/bin/$t ]]; then
      echo "installing the peers into $PEERS_HOME" >&2
      "$peers_dir/install.sh" > "$PEERS_HOME/install.log" 2>&1 || { echo "peer install failed" >&2; exit 1; }
    fi
    timed "$out/$t" "$peers_dir/run.sh" "$t" "$tree" "$rep" dir
    rc=$?; (( rc == 0 )) || { echo "$t exited $rc; see $out/$t.log" >&2; continue; }
  fi
  echo "$t: $(time_wall "$out/$t.time") s" >&2
  pairs+=("$t=$rep")
done
[[ ${#pairs[@]} -gt 0 ]] || { echo "no tool ran" >&2; exit 1; }
python3 "$bench_dir/labelled/compare.py" --labels "$labels" --json "$out/scores.json" "${pairs[@]}" | tee "$out/table.txt"
