#!/usr/bin/env bash
# Benchmarks/real/checkout.sh OUT [MIRRORS]
# Builds the labelled working trees of lock.tsv under OUT from bare mirrors (default /work/.mirror,
# laid out OWNER+NAME/repo as the search tool's fetch writes them), with git plumbing only:
# nothing is cloned over the network and nothing lands in this repository.
set -euo pipefail
out=${1:?usage: checkout.sh OUT [MIRRORS]}
mirrors=${2:-/work/.mirror}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
grep -v '^#' "$here/lock.tsv" | while IFS=$'\t' read -r name repo commit _; do
  [[ $commit =~ ^[0-9a-f]+$ ]] || continue
  mirror="$mirrors/${repo/\//+}/repo"
  if [[ ! -d $mirror ]]; then echo "checkout.sh: no mirror of $repo at $mirror (fetch it first)" >&2; exit 2; fi
  mkdir -p "$out/$name"
  git --git-dir="$mirror" --work-tree="$out/$name" checkout -f "$commit" -- .
  echo "$out/$name: $repo@$commit"
done
# The rootfs is built, not checked out.
if [[ ! -d $out/rootfs-image/rootfs ]]; then python3 "$here/../make-bench-image.py" "$out/rootfs-image" >/dev/null; fi
echo "$out/rootfs-image/rootfs: bench-rootfs"
