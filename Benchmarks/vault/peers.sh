#!/usr/bin/env bash
# Side by side with pass, keepassxc-cli and pwgen (installed by ../shared/peers/install.sh) on what
# they share: generating passwords, and storing then reading 1,000 entries, one process per entry.
#   Benchmarks/vault/peers.sh     (N=1000 by default; N=200 for a quicker run)
set -euo pipefail
source "$(dirname "$0")/common.sh"
N=${N:-1000}
for tool in pwgen pass keepassxc-cli gpg; do
  command -v "$tool" >/dev/null || { echo "peers.sh: $tool missing; run ../shared/peers/install.sh" >&2; exit 3; }
done
echo "hush $("$HUSH" --version), pwgen $(dpkg-query -W -f='${Version}' pwgen), pass $(pass version | grep -o 'v[0-9.]*' | head -1), keepassxc-cli $(keepassxc-cli --version)"

echo; echo "Generating 24-character passwords with symbols"
row "tool" "command" "per second"
s=$(now); pwgen -s -y -1 24 1000000 >/dev/null; e=$(now)
row "pwgen" "pwgen -s -y -1 24 1000000 (one process)" "$(rate "$s" "$e" 1000000)"
s=$(now); "$HUSH" gen --count 1000000 --quiet >/dev/null; e=$(now)
row "hush" "hush gen --count 1000000 (one process)" "$(rate "$s" "$e" 1000000)"
s=$(now); for _ in $(seq 200); do keepassxc-cli generate -L 24 -lUns --every-group >/dev/null; done; e=$(now)
row "keepassxc-cli" "keepassxc-cli generate -L 24 -lUns --every-group (200 processes)" "$(rate "$s" "$e" 200)"
s=$(now); for _ in $(seq 200); do "$HUSH" gen --quiet >/dev/null; done; e=$(now)
row "hush" "hush gen (200 processes)" "$(rate "$s" "$e" 200)"
s=$(now); for _ in $(seq 200); do pwgen -s -y -1 24 1 >/dev/null; done; e=$(now)
row "pwgen" "pwgen -s -y -1 24 1 (200 processes)" "$(rate "$s" "$e" 200)"

echo; echo "Storing then reading $N entries, one process per entry (values on stdin)"
row "tool" "key protection" "store, ms/entry" "read, ms/entry" "read all at once, ms"
# hush: the Argon2id unlock runs once per process, so it is measured at the test-only minimum (the
# storage cost alone) over N entries, and at INTERACTIVE over N_KDF entries (100 by default).
for level in min interactive; do
  count=$N; [[ $level == min ]] || count=${N_KDF:-100}
  db=$work/peer-$level.db
  v init "$db" --kdf "$level" 2>/dev/null
  s=$(now); for i in $(seq "$count"); do echo "value-$i" | v set "$db" "bench/e$i" 2>/dev/null; done; e=$(now)
  store=$(ms "$s" "$e" "$count")
  s=$(now); for i in $(seq "$count"); do v get "$db" "bench/e$i" >/dev/null; done; e=$(now)
  read=$(ms "$s" "$e" "$count")
  s=$(now); v export "$db" --prefix bench --format env >/dev/null; e=$(now)
  row "hush ($count entries)" "Argon2id $level, once per process" "$store" "$read" "$(ms "$s" "$e") (export --prefix)"
done
# pass: a throwaway GPG key without passphrase (gpg-agent does the work), as ../shared/peers/vault-smoke.sh does
export GNUPGHOME=$work/gnupg PASSWORD_STORE_DIR=$work/store
mkdir -m 700 -p "$GNUPGHOME"
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-gen-key 'bench <bench@example.invalid>' ed25519 cert,sign never
fpr=$(gpg --batch --list-keys --with-colons bench@example.invalid | awk -F: '/^fpr/{print $10; exit}')
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-add-key "$fpr" cv25519 encr never
trap 'gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
pass init "$fpr" >/dev/null
s=$(now); for i in $(seq "$N"); do echo "value-$i" | pass insert -e "bench/e$i" >/dev/null; done; e=$(now)
store=$(ms "$s" "$e" "$N")
s=$(now); for i in $(seq "$N"); do pass show "bench/e$i" >/dev/null; done; e=$(now)
row "pass ($N entries)" "GPG key, no passphrase (agent)" "$store" "$(ms "$s" "$e" "$N")" "n/a"
# keepassxc-cli: the lowest decryption time it allows (100 ms)
kdb=$work/x.kdbx
printf 'pw\npw\n' | keepassxc-cli db-create -q -p -t 100 "$kdb"
s=$(now); for i in $(seq "$N"); do printf 'pw\nvalue-%s\nvalue-%s\n' "$i" "$i" | keepassxc-cli add -q -p "$kdb" "e$i" >/dev/null; done; e=$(now)
store=$(ms "$s" "$e" "$N")
s=$(now); for i in $(seq "$N"); do printf 'pw\n' | keepassxc-cli show -q -s -a Password "$kdb" "e$i" >/dev/null; done; e=$(now)
read=$(ms "$s" "$e" "$N")
s=$(now); printf 'pw\n' | keepassxc-cli export -q -f csv "$kdb" >/dev/null; e=$(now)
row "keepassxc-cli ($N entries)" "KDBX, 100 ms decryption target" "$store" "$read" "$(ms "$s" "$e") (export -f csv)"
