#!/usr/bin/env python3
"""make-bench-image.py OUT [--source-root /] [--large]  (make bench-image builds it into Benchmarks/out/image-bench)

Builds a realistic container image, offline and without a Docker engine, from this machine's own
Debian files, in the two forms the image benchmark compares:

  OUT/image-oci.tar     an OCI archive (what `skopeo copy … oci-archive:` writes): gzip layers
  OUT/image-docker.tar  a docker-archive (legacy `docker save` layout): uncompressed layers
  OUT/rootfs/           the same layers unpacked, for the plain-directory comparison
  OUT/planted.json      the synthetic tokens planted in it and where

Layers: 0 /etc and /usr/bin (the base OS), 1 /usr/lib/python3.11 and /usr/lib/python3 (Python and
its packages), 2 /usr/share/doc and /usr/include plus four planted files, 3 a whiteout deleting
one of them (--large adds a layer 4 of /usr/lib/x86_64-linux-gnu, past 1 GB). Symlinks are kept as symlinks; files that cannot be read are left out. The planted
tokens are synthetic GitHub classic tokens with the right checksum, never issued by anyone.
"""
import gzip
import hashlib
import io
import json
import os
import random
import stat
import sys
import tarfile

out = os.path.abspath(sys.argv[1])
root = sys.argv[sys.argv.index("--source-root") + 1] if "--source-root" in sys.argv else "/"
os.makedirs(out, exist_ok=True)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../Fixtures"))
from synthetic_tokens import github_classic  # noqa: E402

rng = random.Random(4242)


def token():
    return github_classic(rng)


def layer_tar(paths, extra=()):
    """An uncompressed layer tar of the trees under `paths` (relative to root), plus extra files."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for top in paths:
            for directory, dirs, files in os.walk(os.path.join(root, top)):
                dirs.sort()
                for name in sorted(dirs) + sorted(files):
                    full = os.path.join(directory, name)
                    arc = os.path.relpath(full, root)
                    try:
                        st = os.lstat(full)
                        if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) or stat.S_ISLNK(st.st_mode)):
                            continue
                        member = tar.gettarinfo(full, arcname=arc)
                        member.uid = member.gid = 0
                        member.uname = member.gname = "root"
                        if member.isreg():
                            with open(full, "rb") as f:
                                tar.addfile(member, f)
                        else:
                            tar.addfile(member)
                    except OSError:
                        continue
        for name, data in extra:
            member = tarfile.TarInfo(name)
            member.size, member.mtime, member.mode = len(data), 1_700_000_000, 0o644
            tar.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


planted = {name: token() for name in ["ENV_FILE", "SETTINGS", "DELETED", "CONFIG_ENV"]}
secrets_layer = [
    ("srv/app/.env", f"GITHUB_TOKEN={planted['ENV_FILE']}\n".encode()),
    ("srv/app/settings.py", f"GITHUB_TOKEN = \"{planted['SETTINGS']}\"\n".encode()),
    ("root/.config/gh/hosts.yml", f"github.com:\n    oauth_token: {planted['DELETED']}\n".encode()),
]
print("building layers from", root, file=sys.stderr)
layers = [
    layer_tar(["etc", "usr/bin"]),
    layer_tar(["usr/lib/python3.11", "usr/lib/python3"]),
    layer_tar(["usr/share/doc", "usr/include"], secrets_layer),
    layer_tar([], [("root/.config/gh/.wh.hosts.yml", b"")]),
]
if "--large" in sys.argv:
    # The memory check: a fifth layer of shared libraries takes the image past 1 GB.
    layers.append(layer_tar(["usr/lib/x86_64-linux-gnu"]))
diff_ids = ["sha256:" + hashlib.sha256(layer).hexdigest() for layer in layers]
config = json.dumps({
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/usr/bin:/bin", f"GITHUB_TOKEN={planted['CONFIG_ENV']}"], "Cmd": ["python3"]},
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": [{"created_by": "debian base"}, {"created_by": "python"}, {"created_by": "docs and app"},
                {"created_by": "RUN rm /root/.config/gh/hosts.yml"}] + [{"created_by": "libraries"}] * (len(layers) - 4),
}, sort_keys=True).encode()


def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_tar(path, members):
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            member = tarfile.TarInfo(name)
            member.size, member.mtime, member.mode = len(data), 1_700_000_000, 0o644
            tar.addfile(member, io.BytesIO(data))


# docker-archive: legacy layout, uncompressed layers.
members = []
names = []
for index, layer in enumerate(layers):
    layer_id = hashlib.sha256(f"bench{index}".encode()).hexdigest()
    members.append((f"{layer_id}/layer.tar", layer))
    names.append(f"{layer_id}/layer.tar")
config_name = hashlib.sha256(config).hexdigest() + ".json"
members.append((config_name, config))
members.append(("manifest.json", json.dumps([{"Config": config_name, "RepoTags": ["bench/python:1"], "Layers": names}]).encode()))
write_tar(os.path.join(out, "image-docker.tar"), members)
print("wrote image-docker.tar", file=sys.stderr)

# OCI archive: gzip layers.
compressed = [gzip.compress(layer, compresslevel=6, mtime=0) for layer in layers]
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(config), "size": len(config)},
                       "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": sha(c), "size": len(c)}
                                  for c in compressed]}).encode()
index = json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(manifest), "size": len(manifest),
     "annotations": {"org.opencontainers.image.ref.name": "1"}}]}).encode()
blobs = {sha(b): b for b in compressed + [config, manifest]}
members = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", index)]
members += [("blobs/sha256/" + d.split(":")[1], b) for d, b in sorted(blobs.items())]
write_tar(os.path.join(out, "image-oci.tar"), members)
print("wrote image-oci.tar", file=sys.stderr)

# The same files unpacked (whiteout applied), for the plain-directory comparison.
rootfs = os.path.join(out, "rootfs")
if not os.path.exists(rootfs):
    os.makedirs(rootfs)
    for layer in layers:
        with tarfile.open(fileobj=io.BytesIO(layer)) as tar:
            for member in tar.getmembers():
                base = os.path.basename(member.name)
                if base.startswith(".wh."):
                    target = os.path.join(rootfs, os.path.dirname(member.name), base[4:])
                    if os.path.lexists(target):
                        os.remove(target)
                    continue
                tar.extract(member, rootfs, set_attrs=False, filter="tar" if hasattr(tarfile, "tar_filter") else None)

with open(os.path.join(out, "planted.json"), "w") as f:
    json.dump({"tokens": planted, "uncompressed_bytes": sum(map(len, layers)),
               "gzip_bytes": sum(map(len, compressed))}, f, indent=2)
print(json.dumps({"uncompressed_MB": round(sum(map(len, layers)) / 1e6), "gzip_MB": round(sum(map(len, compressed)) / 1e6)}))
