# Shared helpers for the vault benchmarks (sourced, not run).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The release hush binary: $HUSH, else build one (scratch path $HUSH_SCRATCH, default .build).
if [[ -z ${HUSH:-} ]]; then
  scratch=${HUSH_SCRATCH:-$root/.build}
  (cd "$root" && swift build -c release --product hush --scratch-path "$scratch" >&2)
  HUSH=$scratch/release/hush
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hush-vault-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
pwfile=$work/master.txt
echo "benchmark master passphrase: walrus ember cobalt" > "$pwfile"
# The benchmarks use --kdf min so the KDF does not count; hush allows it only with this.
export HUSH_ALLOW_INSECURE_KDF=1

now() { date +%s.%N; }
# ms START END [DIVISOR] -> milliseconds (per item when DIVISOR is given)
ms() { python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1000 / float(sys.argv[3]):.2f}')" "$1" "$2" "${3:-1}"; }
# rate START END COUNT -> items per second
rate() { python3 -c "import sys; print(f'{float(sys.argv[3]) / (float(sys.argv[2]) - float(sys.argv[1])):,.0f}')" "$1" "$2" "$3"; }
# median of numbers on stdin
median() { python3 -c "import sys, statistics; print(f'{statistics.median(float(x) for x in sys.stdin.read().split()):.2f}')"; }
# jsonl PREFIX COUNT -> import lines
jsonl() { python3 -c "import json, sys
for i in range(int(sys.argv[2])): print(json.dumps({'name': f'{sys.argv[1]}/entry-{i:06d}', 'value': f'value-{i}-x7Qp9'}))" "$1" "$2"; }
v() { "$HUSH" vault "$1" --vault "$2" --password-file "$pwfile" "${@:3}"; }
row() { local out="|" cell; for cell in "$@"; do out+=" $cell |"; done; echo "$out"; }
