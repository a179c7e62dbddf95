#!/usr/bin/env python3
"""make-history.py OUT: build the git-history fixtures in OUT (a new folder).

Every commit has fixed author and committer names and dates, so commit ids are the same on every
machine. The tokens are synthetic GitHub classic tokens (ghp_ + 30 base62 + CRC32 checksum) drawn
from a seeded generator: right shape and checksum, never issued by anyone.

OUT/repo      a repository whose history holds one planted token per case (below)
OUT/shallow   a depth-1 clone of it
OUT/broken    a copy of it with one blob object deleted
OUT/expected.json  {case: {"secret", "path", "commit", "present_at_head"}} (commit: the sha that
              introduced the token at that path), and the missing object's id
"""
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from synthetic_tokens import github_classic  # noqa: E402

rng = random.Random(20261203)


def token():
    return github_classic(rng)


out = os.path.abspath(sys.argv[1])
repo = os.path.join(out, "repo")
os.makedirs(repo)
clock = [1_700_000_000]
env = dict(os.environ)
for key in list(env):
    if key.startswith("GIT_"):
        del env[key]
env.update(GIT_AUTHOR_NAME="Ada Example", GIT_AUTHOR_EMAIL="ada@example.com",
           GIT_COMMITTER_NAME="Ada Example", GIT_COMMITTER_EMAIL="ada@example.com",
           GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", LC_ALL="C")


def git(*args, cwd=repo, tick=True):
    if tick:
        clock[0] += 3600
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{clock[0]} +0000"
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                            cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def write(path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full) or repo, exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def commit(message, *paths):
    git("add", "--", *paths, tick=False)
    git("commit", "-q", "-m", message)
    return git("rev-parse", "HEAD", tick=False)


expected = {}


def plant(case, path, secret, sha, head=False):
    expected[case] = {"secret": secret, "path": path, "commit": sha, "present_at_head": head}


git("init", "-q", "-b", "main", tick=False)
write("README.md", "# demo service\n")
commit("initial commit", "README.md")

# 1. added, then removed in a later commit
t = token()
write("config/settings.py", f'DEBUG = False\nGITHUB_TOKEN = "{t}"\n')
plant("removed-later", "config/settings.py", t, commit("add settings", "config/settings.py"))
write("config/settings.py", 'DEBUG = False\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n')
commit("read the token from the environment", "config/settings.py")

# 2. a file later renamed: the blob at its first path was introduced by the first commit (and
#    HEAD still has it, under the new name)
t = token()
write("deploy/old-name.yaml", f"github:\n  token: {t}\n")
plant("renamed", "deploy/old-name.yaml", t, commit("add deploy values", "deploy/old-name.yaml"), head=True)
git("mv", "deploy/old-name.yaml", "deploy/new-name.yaml", tick=False)
git("commit", "-q", "-m", "rename deploy values")

# 3. the same token in two files of one commit
t = token()
write("ci/a.env", f"GH_TOKEN={t}\n")
write("ci/b.env", f"export GH_TOKEN={t}\n")
sha = commit("ci env files", "ci/a.env", "ci/b.env")
plant("two-files-a", "ci/a.env", t, sha)
plant("two-files-b", "ci/b.env", t, sha)
git("rm", "-q", "ci/a.env", "ci/b.env", tick=False)
git("commit", "-q", "-m", "drop ci env files")

# 4. only on a side branch that was never merged
git("checkout", "-q", "-b", "feature/side", tick=False)
t = token()
write("side.txt", f"token {t}\n")
plant("side-branch", "side.txt", t, commit("side work", "side.txt"))
git("checkout", "-q", "main", tick=False)

# 5. only in a tag (an annotated tag on a commit no branch reaches)
git("checkout", "-q", "--detach", "main", tick=False)
t = token()
write("release.cfg", f"token = {t}\n")
sha = commit("release build", "release.cfg")
plant("tag-only", "release.cfg", t, sha)
git("tag", "-a", "-m", "release", "v0.1.0")
git("checkout", "-q", "main", tick=False)

# 6. a merge commit that itself introduces the token (an "evil merge")
git("checkout", "-q", "-b", "topic", tick=False)
write("topic.txt", "topic work\n")
commit("topic work", "topic.txt")
git("checkout", "-q", "main", tick=False)
write("main.txt", "main work\n")
commit("main work", "main.txt")
git("merge", "-q", "--no-ff", "--no-commit", "topic")
t = token()
write("merge.txt", f"token: {t}\n")
git("add", "merge.txt", tick=False)
git("commit", "-q", "-m", "merge topic")
plant("merge", "merge.txt", t, git("rev-parse", "HEAD", tick=False), head=True)

# 7. only in a stash
t = token()
write("README.md", f"# demo service\ntoken {t}\n")
git("stash", "push", "-q", "-m", "wip")
stash = git("rev-parse", "refs/stash", tick=False)
plant("stash", "README.md", t, stash)

# 8. still at HEAD (and in the working tree)
t = token()
write("app/keys.txt", f"GITHUB_TOKEN={t}\n")
plant("at-head", "app/keys.txt", t, commit("add keys", "app/keys.txt"), head=True)

# the blob whose object the broken copy loses: a token no other object holds
t = token()
write("lost.txt", f"token {t}\n")
commit("add lost", "lost.txt")
lost = git("rev-parse", "HEAD:lost.txt", tick=False)
git("rm", "-q", "lost.txt", tick=False)
git("commit", "-q", "-m", "remove lost")

shutil.copytree(repo, os.path.join(out, "broken"), symlinks=True)
os.remove(os.path.join(out, "broken", ".git", "objects", lost[:2], lost[2:]))
git("clone", "-q", "--depth", "1", "file://" + repo, os.path.join(out, "shallow"), cwd=out, tick=False)

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"cases": expected, "missing_object": lost}, f, indent=2, sort_keys=True)
