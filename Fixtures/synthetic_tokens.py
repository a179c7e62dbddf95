"""Synthetic tokens for the fixture and benchmark scripts: the right shape and checksum, never
issued by anyone. Import with `sys.path.insert(0, <Fixtures>)`; each script seeds its own generator
so its output is the same on every machine."""
import random
import zlib

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def github_classic(rng: random.Random) -> str:
    """A GitHub classic personal access token: ghp_ + 30 base62 + the CRC32 of those 30, in 6 base62."""
    body = "".join(rng.choice(BASE62) for _ in range(30))
    n, check = zlib.crc32(body.encode()), ""
    while n:
        n, r = divmod(n, 62)
        check = BASE62[r] + check
    return "ghp_" + body + check.rjust(6, "0")
