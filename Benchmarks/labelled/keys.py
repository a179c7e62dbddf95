"""Key material for the fixtures: made once with openssl / ssh-keygen / gpg, then committed.

Random keys cannot come from the seed, so they are generated only when missing (or with
--new-keys) and kept: the key files that are fixtures themselves in TREE/keys/, and a pool of
further keys in OUT/keypool/ (outside the scanned tree) that other files embed, each key once --
a scanner that reports each distinct secret once (Kingfisher deduplicates) must not lose a
planted key because the same key sits in another file.
"""
import os
import subprocess
import tempfile
from pathlib import Path

# file -> (class, kind, command template); {out} is the file, {dir} the keys folder
KEY_FILES = {
    "server.key": ("positive", "rsa-pkcs1", "openssl genrsa -traditional -out {out} 2048"),
    "tls.key": ("positive", "rsa-pkcs8", "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {out}"),
    "ec-p256.key": ("positive", "ec", "openssl ecparam -name prime256v1 -genkey -noout -out {out}"),
    "signing-ed25519.pem": ("positive", "ed25519-pkcs8", "openssl genpkey -algorithm ed25519 -out {out}"),
    "id_ed25519": ("positive", "openssh-ed25519", "ssh-keygen -q -t ed25519 -N '' -C deploy@acme-ci -f {out}"),
    "id_rsa": ("positive", "openssh-rsa", "ssh-keygen -q -t rsa -b 2048 -N '' -C ci@acme-ci -f {out}"),
    "pgp-private.asc": ("positive", "pgp", None),
    "server.crt": ("negative", "certificate",
                   "openssl req -x509 -key {dir}/server.key -subj /CN=api.acme-internal.dev -days 825 -out {out}"),
    "public.pem": ("negative", "public-key", "openssl pkey -in {dir}/tls.key -pubout -out {out}"),
    "id_ed25519.pub": ("negative", "public-key", None),  # written by ssh-keygen with id_ed25519
    "id_rsa.pub": ("negative", "public-key", None),
    "pgp-public.asc": ("negative", "public-key", None),  # written with pgp-private.asc
}


# kinds of embedded keys, used in turn; POOL_SIZE keys in all
POOL_KINDS = {
    "rsa-pkcs1": "openssl genrsa -traditional -out {out} 2048",
    "rsa-pkcs8": "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {out}",
    "ec": "openssl ecparam -name prime256v1 -genkey -noout -out {out}",
    "ed25519-pkcs8": "openssl genpkey -algorithm ed25519 -out {out}",
    "openssh-ed25519": "ssh-keygen -q -t ed25519 -N '' -C build@acme-ci -f {out} && rm -f {out}.pub",
}
POOL_SIZE = 20


def pool_names():
    kinds = list(POOL_KINDS)
    return [f"{i + 1:02d}-{kinds[i % len(kinds)]}.pem" for i in range(POOL_SIZE)]


def _pgp(keydir):
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GNUPGHOME=home)
        gpg = ["gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", ""]
        subprocess.run(gpg + ["--quick-gen-key", "Release Bot <release@acme-ci.invalid>", "ed25519", "sign", "never"],
                       env=env, check=True, capture_output=True)
        for flag, name in [("--export-secret-keys", "pgp-private.asc"), ("--export", "pgp-public.asc")]:
            out = subprocess.run(gpg + ["--armor", flag], env=env, check=True, capture_output=True).stdout
            (keydir / name).write_bytes(out)
        subprocess.run(["gpgconf", "--kill", "all"], env=env, capture_output=True)


def ensure(keydir, pooldir, renew=False):
    """Create the key files that are missing (all of them with renew=True)."""
    keydir, pooldir = Path(keydir), Path(pooldir)
    keydir.mkdir(parents=True, exist_ok=True)
    pooldir.mkdir(parents=True, exist_ok=True)
    if renew:
        for name in KEY_FILES:
            (keydir / name).unlink(missing_ok=True)
        for f in pooldir.glob("*.pem"):
            f.unlink()
    for name in pool_names():
        if not (pooldir / name).exists():
            cmd = POOL_KINDS[name[3:-4]]
            subprocess.run(cmd.format(out=pooldir / name), shell=True, check=True, capture_output=True)
    for name, (_, _, cmd) in KEY_FILES.items():
        if (keydir / name).exists():
            continue
        if name == "pgp-private.asc":
            _pgp(keydir)
        elif cmd:
            subprocess.run(cmd.format(out=keydir / name, dir=keydir), shell=True, check=True, capture_output=True)
    missing = [n for n in KEY_FILES if not (keydir / n).exists()]
    if missing:
        raise SystemExit(f"key generation left out {missing}")


class Keys:
    """The committed key material, read back for embedding in other files."""

    def __init__(self, keydir, pooldir):
        self.dir = Path(keydir)
        self.ssh_pub = (self.dir / "id_ed25519.pub").read_text().strip()
        self.cert = (self.dir / "server.crt").read_text()
        self.pool = [(n[3:-4], (Path(pooldir) / n).read_text()) for n in pool_names()]

    def take(self, kind=None):
        """The next pool key not embedded yet (of `kind` if given): (kind, PEM text)."""
        for i, (k, pem) in enumerate(self.pool):
            if kind in (None, k):
                return self.pool.pop(i)
        raise SystemExit(f"the key pool has no unused {kind or ''} key left: raise keys.POOL_SIZE")


def first_body_line(pem):
    """The first base64 line of a PEM/armor block: what labels use as the key's secret."""
    return next(ln for ln in pem.split("\n")[1:] if len(ln) >= 40 and ":" not in ln)
