# Sourced by the Benchmarks/*.sh scripts: paths, corpus size, and one timing wrapper that every
# tool (hush and the peers alike) goes through, so their numbers are measured the same way.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_root=$(git -C "$bench_dir" rev-parse --show-toplevel 2>/dev/null || (cd "$bench_dir/.." && pwd))
# /work/shared sits beside the worktrees; HUSH_SHARED overrides it
shared_dir=${HUSH_SHARED:-$(cd "$repo_root/../shared" 2>/dev/null && pwd || true)}
peers_dir=${HUSH_PEERS_SCRIPTS:-$shared_dir/peers}
# install.sh/run.sh keep their state here (the shared folder is read-only)
export PEERS_HOME=${PEERS_HOME:-$bench_dir/out/peers}
hush_bin=${HUSH_BIN:-$repo_root/.build/release/hush}
default_corpus=${HUSH_BENCH_CORPUS:-$bench_dir/out/corpus}

# tree_stats DIR -> "BYTES FILES": apparent size and count of the regular files, .git excluded
tree_stats() {
  find "$1" -path '*/.git' -prune -o -type f -printf '%s\n' | awk '{s+=$1; n++} END{print s+0, n+0}'
}

# warm_cache DIR: read every file once so that all tools start from the same (warm) page cache
warm_cache() {
  find "$1" -path '*/.git' -prune -o -type f -print0 | xargs -0 -r cat > /dev/null 2>&1 || true
}

# clean_corpus DIR: remove SQLite -wal/-shm side files. The mirrors ship none, but a scanner that
# opens a WAL-mode database to read it (Kingfisher does, e.g. GRDB's Tests/GRDBTests/Issue1383.sqlite)
# leaves them beside it, and the corpus must stay the same from one run and tool to the next.
clean_corpus() {
  find "$1" -type f \( -name '*.sqlite-wal' -o -name '*.sqlite-shm' -o -name '*.db-wal' -o -name '*.db-shm' \) -delete
}

# timed LOGPREFIX CMD... : run CMD under GNU time (and a timeout), stdout+stderr to LOGPREFIX.log,
# time report to LOGPREFIX.time; returns CMD's exit status (124/137 = timed out)
timed() {
  local prefix=$1; shift
  /usr/bin/time -v -o "$prefix.time" timeout -k 10 "${BENCH_TIMEOUT:-900}" "$@" > "$prefix.log" 2>&1
}

# time_wall FILE / time_rss_mb FILE: read GNU time's -v report
time_wall() {
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"
}
time_rss_mb() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
time_cpu() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$1"; }

# count_findings TOOL REPORT: number of findings in a report (hush JSON, or a peer's native JSON
# through the peers' normalize.py); "?" when the report cannot be read
count_findings() {
  local tool=$1 report=$2
  if [[ $tool == hush ]]; then
    python3 - "$report" <<'EOF' 2>/dev/null || echo '?'
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d.get("findings") or []))
EOF
  else
    python3 "$peers_dir/normalize.py" "$tool" "$report" 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["findings"])' 2>/dev/null || echo '?'
  fi
}

# ratio A B -> A/B with 2 decimals, "-" when either is missing or B is 0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f", a/b; else print "-" }'; }

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

require_hush() {
  [[ -x $hush_bin ]] || { echo "no hush binary at $hush_bin: run 'make release' (or set HUSH_BIN)" >&2; return 1; }
}

ensure_corpus() { # ensure_corpus DIR: build the default corpus when DIR is it and missing
  local dir=$1
  if [[ ! -d $dir ]]; then
    if [[ $dir == "$default_corpus"* ]]; then HUSH_BENCH_CORPUS=$default_corpus "$bench_dir/make-corpus.sh" >&2 || return 1
    else echo "no corpus at $dir" >&2; return 1; fi
  fi
  [[ -d $dir ]] || { echo "no corpus at $dir" >&2; return 1; }
}
