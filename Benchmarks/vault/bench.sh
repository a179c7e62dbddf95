#!/usr/bin/env bash
# hush vault and hush gen measurements (release build). Prints markdown table rows.
#   Benchmarks/vault/bench.sh            # builds .build/release/hush first
#   HUSH=/path/to/hush Benchmarks/vault/bench.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
echo "hush: $HUSH ($("$HUSH" --version)); $(nproc) cores; $(date -u +%F)"

echo; echo "Unlock (open + Argon2id + unwrap; 'hush vault list' on an empty vault, median of 3 runs)"
row "KDF level" "parameters" "unlock, ms"
for level in min interactive moderate sensitive; do
  db=$work/unlock-$level.db
  v init "$db" --kdf "$level" 2>/dev/null
  for _ in 1 2 3; do s=$(now); v list "$db" >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
  params=$(python3 -c "print({'min':'1 pass, 8 KiB (tests only)','interactive':'2 passes, 64 MiB','moderate':'3 passes, 256 MiB','sensitive':'4 passes, 1 GiB'}['$level'])")
  row "$level" "$params" "$(cat "$work/m")"
done

db=$work/latency.db
v init "$db" --kdf min 2>/dev/null
echo; echo "Latency after unlock (vault with --kdf min so the KDF does not count)"
row "operation" "entries" "per operation"
jsonl lat 1000 > "$work/1k.jsonl"
s=$(now); v import "$db" --batch 1 < "$work/1k.jsonl" 2>/dev/null; e=$(now)
row "set, one transaction each (import --batch 1)" 1000 "$(ms "$s" "$e" 1000) ms"
names=$(python3 -c "print(' '.join(f'lat/entry-{i:06d}' for i in range(1000)))")
# shellcheck disable=SC2086
s=$(now); v export "$db" --format env $names >/dev/null; e=$(now)
row "get (export of 1,000 named entries, one verified read each)" 1000 "$(ms "$s" "$e" 1000) ms"
for _ in $(seq 20); do s=$(now); v get "$db" lat/entry-000500 >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
row "whole 'hush vault get' process (median of 20)" 1000 "$(cat "$work/m") ms"
for _ in $(seq 20); do s=$(now); echo new | v set "$db" lat/entry-000500 2>/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
row "whole 'hush vault set' process (median of 20)" 1000 "$(cat "$work/m") ms"

big=$work/big.db
v init "$big" --kdf min 2>/dev/null
jsonl big 100000 > "$work/100k.jsonl"
s=$(now); v import "$big" --batch 5000 < "$work/100k.jsonl" 2>/dev/null; e=$(now)
row "import 100,000 (batches of 5,000)" 100000 "$(ms "$s" "$e" 100) ms per 1,000 ($(rate "$s" "$e" 100000) entries/s)"
for _ in 1 2 3; do s=$(now); v list "$big" >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
row "list (decrypts every entry; median of 3)" 100000 "$(cat "$work/m") ms"
for _ in 1 2 3; do s=$(now); v get "$big" big/entry-050000 >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
row "whole 'hush vault get' process (median of 3)" 100000 "$(cat "$work/m") ms"
s=$(now); v check "$big" >/dev/null; e=$(now)
row "check (every tag, index and SQLite integrity)" 100000 "$(ms "$s" "$e") ms"

echo; echo "Generation (one process, output to /dev/null)"
row "what" "count" "per second"
s=$(now); "$HUSH" gen --count 1000000 --quiet >/dev/null; e=$(now)
row "hush gen (24 chars, 4 classes)" 1000000 "$(rate "$s" "$e" 1000000)"
s=$(now); "$HUSH" gen --for url --length 32 --count 1000000 --quiet >/dev/null; e=$(now)
row "hush gen --for url --length 32" 1000000 "$(rate "$s" "$e" 1000000)"
s=$(now); "$HUSH" gen --words 6 --count 200000 --quiet >/dev/null; e=$(now)
row "hush gen --words 6" 200000 "$(rate "$s" "$e" 200000)"
