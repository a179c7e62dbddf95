#!/usr/bin/env bash
# make-corpus.sh [--force] [PKGS_DIR]
#   Build the throughput corpus: real source trees checked out of the bare Swift package mirrors
#   under PKGS_DIR (default /opt/swift-packages/<owner>/<name>.git), with no duplicated tree:
#     CORPUS/<owner>/<name>/               every mirror at HEAD (`git archive`); mirrors that are
#                                          symlinks to another mirror (lower-case aliases) are
#                                          skipped: 122 trees, 428 MB
#     CORPUS/_older/<owner>/<name>@<tag>/  every tag whose tree differs from HEAD (swift-crypto,
#                                          swift-syntax x2, swift-nio, Nimble, jwt-kit, Yams): 60 MB
#     CORPUS/_extra/usr-include/           a copy of /usr/include (real C headers, ~110 MB), since
#                                          the mirrors alone stay under 500 MB
#   Symbolic links are removed, so every scanner sees the same regular files.
#   CORPUS is $HUSH_BENCH_CORPUS or Benchmarks/out/corpus (git-ignored).
#   Idempotent: a tree that is already there is kept (each is extracted into a temporary
#   directory and renamed into place, so a present tree is a complete one). --force rebuilds.
#   Prints the corpus size (apparent bytes of regular files) and file count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/measure.sh"
force=0
[[ ${1:-} == --force ]] && { force=1; shift; }
pkgs=${1:-/opt/swift-packages}
corpus=${HUSH_BENCH_CORPUS:-$here/out/corpus}

[[ -d $pkgs ]] || { echo "make-corpus.sh: no package mirrors at $pkgs" >&2; exit 1; }
[[ $force == 1 ]] && rm -rf "$corpus"
mkdir -p "$corpus"
# leftovers of an interrupted run
find "$corpus" -maxdepth 3 -name ".partial.*" -prune -exec rm -rf {} + 2>/dev/null || true

extract() { # extract BARE_REPO TREEISH DEST
  local repo=$1 rev=$2 dest=$3 tmp
  [[ -d $dest ]] && return 0
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp -d "$(dirname "$dest")/.partial.XXXXXX")
  if git -C "$repo" archive --format=tar "$rev" | tar -x -C "$tmp"; then
    mv "$tmp" "$dest"
    added=$((added + 1))
  else
    rm -rf "$tmp"; echo "make-corpus.sh: could not export $repo at $rev, skipped" >&2
  fi
}

added=0
while IFS= read -r repo; do
  rel=${repo#"$pkgs"/}; rel=${rel%.git}
  extract "$repo" HEAD "$corpus/$rel"
  head_tree=$(git -C "$repo" rev-parse 'HEAD^{tree}')
  while IFS= read -r tag; do
    [[ $(git -C "$repo" rev-parse "refs/tags/$tag^{tree}") == "$head_tree" ]] && continue
    extract "$repo" "refs/tags/$tag" "$corpus/_older/$rel@$tag"
  done < <(git -C "$repo" tag)
done < <(find "$pkgs" -mindepth 2 -maxdepth 2 -type d -name '*.git' | sort)   # -type d: not the aliases

if [[ -d /usr/include && ! -d $corpus/_extra/usr-include ]]; then
  mkdir -p "$corpus/_extra"
  tmp=$(mktemp -d "$corpus/_extra/.partial.XXXXXX")
  cp -r --no-dereference /usr/include/. "$tmp/" && mv "$tmp" "$corpus/_extra/usr-include" && added=$((added + 1))
fi
find "$corpus" -type l -delete
clean_corpus "$corpus"   # SQLite side files a scanner may have left (lib/measure.sh)

read -r bytes files < <(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1; n++} END{print s+0, n+0}')
awk -v b="$bytes" -v n="$files" -v a="$added" -v c="$corpus" \
  'BEGIN{printf "corpus %s: %.1f MB in %d files (%d trees added this run)\n", c, b/1048576, n, a}'
awk -v b="$bytes" 'BEGIN{ if (b < 500*1048576) { print "make-corpus.sh: warning: corpus is under 500 MB" > "/dev/stderr" } }'
