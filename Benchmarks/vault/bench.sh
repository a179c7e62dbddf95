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
row "export of 1,000 named entries (one verification of the state, then each read)" 1000 "$(ms "$s" "$e" 1000) ms"

# get, set, list and passwd as whole processes, at 1,000 and 100,000 entries.
rotates=no
"$HUSH" vault passwd --help 2>/dev/null | grep -q -- --rotate-key && rotates=yes
for n in 1000 100000; do
  big=$work/size-$n.db
  v init "$big" --kdf min 2>/dev/null
  jsonl size "$n" > "$work/size.jsonl"
  s=$(now); v import "$big" --batch 5000 < "$work/size.jsonl" 2>/dev/null; e=$(now)
  [[ $n == 100000 ]] && row "import in batches of 5,000" "$n" "$(ms "$s" "$e" 100) ms per 1,000 ($(rate "$s" "$e" "$n") entries/s)"
  runs=$([[ $n == 1000 ]] && echo 20 || echo 5)
  middle=$(printf 'size/entry-%06d' $((n / 2)))
  for _ in $(seq "$runs"); do s=$(now); v get "$big" "$middle" >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
  row "whole 'hush vault get' process (median of $runs)" "$n" "$(cat "$work/m") ms"
  for _ in $(seq "$runs"); do s=$(now); echo new | v set "$big" "$middle" 2>/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
  row "whole 'hush vault set' process (median of $runs)" "$n" "$(cat "$work/m") ms"
  for _ in 1 2 3; do s=$(now); v list "$big" >/dev/null; e=$(now); ms "$s" "$e"; done | median > "$work/m"
  row "list (decrypts every entry; median of 3)" "$n" "$(cat "$work/m") ms"
  if [[ $rotates == yes ]]; then
    s=$(now); v passwd "$big" --new-password-file "$pwfile" 2>/dev/null; e=$(now)
    row "passwd (re-seals every entry under a new vault key)" "$n" "$(ms "$s" "$e") ms"
    s=$(now); v passwd "$big" --new-password-file "$pwfile" --no-rotate-key 2>/dev/null; e=$(now)
    row "passwd --no-rotate-key (rewraps the vault key only)" "$n" "$(ms "$s" "$e") ms"
  else
    s=$(now); v passwd "$big" --new-password-file "$pwfile" 2>/dev/null; e=$(now)
    row "passwd (rewraps the vault key only; no rotation in this build)" "$n" "$(ms "$s" "$e") ms"
  fi
  if [[ $n == 100000 ]]; then
    s=$(now); v check "$big" >/dev/null; e=$(now)
    row "check (every tag, index, schema and SQLite integrity)" "$n" "$(ms "$s" "$e") ms"
  fi
done

echo; echo "Generation (one process, output to /dev/null)"
row "what" "count" "per second"
s=$(now); "$HUSH" gen --count 1000000 --quiet >/dev/null; e=$(now)
row "hush gen (24 chars, 4 classes)" 1000000 "$(rate "$s" "$e" 1000000)"
s=$(now); "$HUSH" gen --for url --length 32 --count 1000000 --quiet >/dev/null; e=$(now)
row "hush gen --for url --length 32" 1000000 "$(rate "$s" "$e" 1000000)"
s=$(now); "$HUSH" gen --words 6 --count 200000 --quiet >/dev/null; e=$(now)
row "hush gen --words 6" 200000 "$(rate "$s" "$e" 200000)"
