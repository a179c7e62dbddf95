#!/usr/bin/env python3
"""make-images.py OUT: write the container-image fixtures into OUT (a new folder), with no Docker
engine: every tarball, layer and manifest is written here, with real sha256 digests.

The tokens are synthetic GitHub classic tokens (ghp_ + 30 base62 + CRC32 checksum) from a seeded
generator: the right shape and checksum, never issued by anyone. Each planted case has its own.

One image, four layers, in every layout:
  layer 0  etc/app/config.yml     VISIBLE   still in the final filesystem
           app/deleted.env        WHITEOUT  deleted by a whiteout in layer 2
           opt/cache/creds.txt    OPAQUE    hidden by an opaque directory in layer 3
           srv/settings.py        OVERWRITE overwritten (without the token) in layer 1
  layer 1  srv/settings.py        (clean)
           app/lib/app.jar        JAR       BOOT-INF/classes/application.yml inside a zip
           app/lib/broken.tar.gz  DAMAGED   notes.txt, read before the truncated rest of the archive
  layer 2  app/.wh.deleted.env
  layer 3  opt/cache/.wh..wh..opq, opt/cache/new.txt
  config   Env[1]                 ENV       API_TOKEN=...
           history[2].created_by  HISTORY   a RUN line with a build argument

OUT/docker-legacy.tar   docker save, legacy layout (<id>/layer.tar, <id>.json, repositories)
OUT/docker-25.tar       docker save, Docker 25+ layout (blobs/sha256, index.json, oci-layout)
OUT/oci-archive.tar     OCI layout as a tar; layers gzip (0, 2), zstd (1) and uncompressed (3)
OUT/oci-multi/          OCI layout directory; an index with linux/amd64 and linux/arm64 images,
                        each with its own token (AMD64, ARM64) in layer 0
OUT/tree/               a folder holding docker-25.tar and the oci-multi layout, scanned as a tree
OUT/plain.tar.gz        not an image: a source tarball with PLAIN at pkg/config.ini
OUT/hostile.tar         docker save (Docker 25+) whose layers are, in order: a good layer (GOOD),
                        a truncated gzip, corrupt gzip, a gzip bomb, a layer with a path-traversal
                        name (TRAVERSAL), an absolute name, a hard link out, a symlink, a device
                        node, a member declaring more bytes than it has; one layer blob whose bytes
                        do not match its digest (MISMATCH, still scanned); a layer of eight small
                        nested gzip bombs that together pass the layer's limit; a manifest layer
                        that is not in the tarball; and a last good gzip layer (LAST)
OUT/expected.json       {case: {"secret", "path", "layer_index", "deleted_in_layer"}}
"""
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from synthetic_tokens import github_classic  # noqa: E402

rng = random.Random(20261203)
MTIME = 1_700_000_000


def token():
    return github_classic(rng)


def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def info(name, size=0, kind=tarfile.REGTYPE, link=""):
    member = tarfile.TarInfo(name)
    member.size, member.type, member.linkname = size, kind, link
    member.mtime, member.mode, member.uname, member.gname = MTIME, 0o644 if kind == tarfile.REGTYPE else 0o755, "root", "root"
    return member


def tar_bytes(entries, fmt=tarfile.PAX_FORMAT):
    """entries: (name, bytes) for files, (name, None) for directories, or prepared TarInfo pairs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=fmt) as tar:
        for name, data in entries:
            if isinstance(name, tarfile.TarInfo):
                tar.addfile(name, io.BytesIO(data) if data else None)
            elif data is None:
                tar.addfile(info(name, kind=tarfile.DIRTYPE))
            else:
                tar.addfile(info(name, len(data)), io.BytesIO(data))
    return buffer.getvalue()


def gz(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def zst(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, capture_output=True, check=True).stdout


def jar(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


out = os.path.abspath(sys.argv[1])
os.makedirs(out)
expected = {}
secrets = {name: token() for name in
           ["VISIBLE", "WHITEOUT", "OPAQUE", "OVERWRITE", "JAR", "ENV", "HISTORY", "AMD64", "ARM64", "PLAIN",
            "GOOD", "TRAVERSAL", "MISMATCH", "LAST", "DAMAGED"]}


def plant(case, path, layer=None, deleted=None):
    expected[case] = {"secret": secrets[case], "path": path, "layer_index": layer, "deleted_in_layer": deleted}


# The one image, as uncompressed layer tars.
layers = [
    tar_bytes([("etc", None), ("etc/app", None),
               ("etc/app/config.yml", f"github:\n  token: {secrets['VISIBLE']}\n".encode()),
               ("app", None), ("app/deleted.env", f"GITHUB_TOKEN={secrets['WHITEOUT']}\n".encode()),
               ("opt", None), ("opt/cache", None), ("opt/cache/creds.txt", f"token {secrets['OPAQUE']}\n".encode()),
               ("srv", None), ("srv/settings.py", f"GITHUB_TOKEN = \"{secrets['OVERWRITE']}\"\n".encode()),
               ("bin", None), ("bin/tool", b"\x7fELF\x02\x01\x01\x00" + bytes(64))]),
    tar_bytes([("srv/settings.py", b"GITHUB_TOKEN = os.environ['GITHUB_TOKEN']\n"),
               ("app/lib", None),
               ("app/lib/broken.tar.gz", gz(tar_bytes([("notes.txt", f"token: {secrets['DAMAGED']}\n".encode()),
                                                       ("noise.bin", random.Random(7).randbytes(600_000))]))[:300_000]),
               # The secret comes after 64 KB of other members: the jar is streamed past the first block.
               ("app/lib/app.jar", jar([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"),
                                        ("META-INF/LICENSE.bin", random.Random(3).randbytes(65_536)),
                                        ("BOOT-INF/classes/application.yml",
                                         f"github:\n  token: {secrets['JAR']}\n")]))]),
    tar_bytes([("app/.wh.deleted.env", b"")]),
    tar_bytes([("opt/cache/.wh..wh..opq", b""), ("opt/cache/new.txt", b"nothing here\n")]),
]
plant("VISIBLE", "etc/app/config.yml", 0, None)
plant("WHITEOUT", "app/deleted.env", 0, 2)
plant("OPAQUE", "opt/cache/creds.txt", 0, 3)
plant("OVERWRITE", "srv/settings.py", 0, 1)
plant("JAR", "app/lib/app.jar!BOOT-INF/classes/application.yml", 1, None)
plant("DAMAGED", "app/lib/broken.tar.gz!notes.txt", 1, None)
plant("ENV", "config:Env[1]")
plant("HISTORY", "config:history[2].created_by")

diff_ids = [sha(layer) for layer in layers]


def config_for(diff_ids, env_secret=True, arch="amd64"):
    return json.dumps({
        "architecture": arch, "os": "linux", "created": "2024-01-01T00:00:00Z",
        "config": {"Env": ["PATH=/usr/local/bin:/usr/bin:/bin"] + ([f"API_TOKEN={secrets['ENV']}"] if env_secret else []),
                   "Entrypoint": ["/bin/app"], "Cmd": ["--serve"], "Labels": {"maintainer": "ops@example.com"}},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:1234 in / "},
                    {"created": "2024-01-01T00:00:00Z", "created_by": "COPY app.jar /app/lib/ # buildkit"},
                    {"created": "2024-01-01T00:00:00Z",
                     "created_by": f"RUN |1 GITHUB_TOKEN={secrets['HISTORY']} /bin/sh -c rm /app/deleted.env # buildkit"},
                    {"created": "2024-01-01T00:00:00Z", "created_by": "RUN /bin/sh -c rm -rf /opt/cache/* # buildkit"}],
    }, sort_keys=True).encode()


config = config_for(diff_ids)


def write_tar(path, members):
    """members: (name, bytes) regular files, written as a ustar/pax tarball like docker save does."""
    with open(path, "wb") as f:
        f.write(tar_bytes(members))


# docker save, legacy layout.
legacy = [("repositories", json.dumps({"example/app": {"1.0": hashlib.sha256(config).hexdigest()}}).encode())]
legacy_names = []
for index, layer in enumerate(layers):
    layer_id = hashlib.sha256(f"layer{index}".encode()).hexdigest()
    legacy.append((f"{layer_id}/VERSION", b"1.0"))
    legacy.append((f"{layer_id}/json", json.dumps({"id": layer_id}).encode()))
    legacy.append((f"{layer_id}/layer.tar", layer))
    legacy_names.append(f"{layer_id}/layer.tar")
legacy.append((hashlib.sha256(config).hexdigest() + ".json", config))
legacy.append(("manifest.json", json.dumps([{"Config": hashlib.sha256(config).hexdigest() + ".json",
                                            "RepoTags": ["example/app:1.0"], "Layers": legacy_names}]).encode()))
write_tar(os.path.join(out, "docker-legacy.tar"), legacy)


def oci_members(layer_blobs, media_types, config_bytes, ref, extra_index=None):
    """The files of an OCI layout (as (name, bytes)) for one image."""
    descriptors = [{"mediaType": mt, "digest": sha(blob), "size": len(blob)} for blob, mt in zip(layer_blobs, media_types)]
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": sha(config_bytes), "size": len(config_bytes)},
                           "layers": descriptors}).encode()
    blobs = {sha(b): b for b in layer_blobs + [config_bytes, manifest]}
    index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(manifest),
                                       "size": len(manifest), "annotations": {"io.containerd.image.name": ref,
                                                                              "org.opencontainers.image.ref.name": "1.0"}}]}).encode()
    members = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}')]
    members += [("blobs/sha256/" + d.split(":")[1], b) for d, b in sorted(blobs.items())]
    members.append(("index.json", index))
    return members, manifest


TAR = "application/vnd.oci.image.layer.v1.tar"
# Docker 25+ docker save: OCI blobs, uncompressed layers, plus manifest.json.
members, manifest = oci_members(layers, [TAR] * 4, config, "docker.io/example/app:1.0")
members.append(("manifest.json", json.dumps([{"Config": "blobs/sha256/" + hashlib.sha256(config).hexdigest(),
                                             "RepoTags": ["example/app:1.0"],
                                             "Layers": ["blobs/sha256/" + hashlib.sha256(l).hexdigest() for l in layers]}]).encode()))
write_tar(os.path.join(out, "docker-25.tar"), members)

# OCI archive with mixed compression.
oci_layers = [gz(layers[0]), zst(layers[1]), gz(layers[2]), layers[3]]
members, _ = oci_members(oci_layers, [TAR + "+gzip", TAR + "+zstd", TAR + "+gzip", TAR], config, "registry.example/app:1.0")
write_tar(os.path.join(out, "oci-archive.tar"), members)

# OCI layout directory with a multi-platform index.
multi = os.path.join(out, "oci-multi")
os.makedirs(os.path.join(multi, "blobs", "sha256"))
platform_entries = []
blobs = {}
for arch, case in (("amd64", "AMD64"), ("arm64", "ARM64")):
    layer = gz(tar_bytes([("etc", None), ("etc/token.txt", f"token={secrets[case]}\n".encode())]))
    cfg = config_for([sha(gzip.decompress(layer))], env_secret=False, arch=arch)
    man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(cfg), "size": len(cfg)},
                      "layers": [{"mediaType": TAR + "+gzip", "digest": sha(layer), "size": len(layer)}]}).encode()
    for blob in (layer, cfg, man):
        blobs[sha(blob)] = blob
    platform_entries.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(man), "size": len(man),
                             "platform": {"architecture": arch, "os": "linux"}})
    plant(case, "etc/token.txt", 0, None)
nested = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                     "manifests": platform_entries}).encode()
blobs[sha(nested)] = nested
for digest, blob in blobs.items():
    with open(os.path.join(multi, "blobs", "sha256", digest.split(":")[1]), "wb") as f:
        f.write(blob)
with open(os.path.join(multi, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')
with open(os.path.join(multi, "index.json"), "wb") as f:
    f.write(json.dumps({"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": sha(nested), "size": len(nested),
         "annotations": {"io.containerd.image.name": "registry.example/multi:2.0"}}]}).encode())

# A tree holding images.
tree = os.path.join(out, "tree")
os.makedirs(os.path.join(tree, "images"))
shutil.copy(os.path.join(out, "docker-25.tar"), os.path.join(tree, "images", "app.tar"))
shutil.copytree(multi, os.path.join(tree, "layouts", "multi"))
with open(os.path.join(tree, "README.md"), "w") as f:
    f.write("Images built for the release.\n")

# A source tarball: an archive, not an image.
with open(os.path.join(out, "plain.tar.gz"), "wb") as f:
    f.write(gz(tar_bytes([("pkg", None), ("pkg/config.ini", f"[github]\ntoken = {secrets['PLAIN']}\n".encode())])))
plant("PLAIN", "plain.tar.gz!pkg/config.ini")

# The hostile image.
# Big enough that reading it crosses the 1 MiB chunks the reader is fed in, uncompressed and gzip.
good = tar_bytes([("srv/noise.bin", random.Random(11).randbytes(3 << 20)), ("srv/good.env", f"GITHUB_TOKEN={secrets['GOOD']}\n".encode())])
full_gzip = gz(tar_bytes([("srv/lost.txt", b"x" * 200_000)]))
truncated = full_gzip[: len(full_gzip) // 2]
corrupt = bytearray(gz(tar_bytes([("srv/corrupt.txt", b"y" * 200_000)])))
for i in range(40, 200):
    corrupt[i] ^= 0x5A
bomb_stream = gzip.GzipFile(fileobj=(bomb := io.BytesIO()), mode="wb", compresslevel=9, mtime=0)
bomb_stream.write(tar_bytes([(info("srv/zeros.bin", 400 << 20), None)])[:512])  # a header declaring 400 MiB
chunk = bytes(1 << 20)
for _ in range(400):
    bomb_stream.write(chunk)
bomb_stream.close()
bomb = bomb.getvalue()
weird = tar_bytes([
    ("../../etc/traversal.env", f"GITHUB_TOKEN={secrets['TRAVERSAL']}\n".encode()),
    (info("/abs/absolute.txt", 6), b"plain\n"),
    (info("srv/hardlink", kind=tarfile.LNKTYPE, link="../../../etc/shadow"), None),
    (info("srv/symlink", kind=tarfile.SYMTYPE, link="/etc/shadow"), None),
    (info("dev/sda", kind=tarfile.BLKTYPE), None),
    (info("dev/fifo", kind=tarfile.FIFOTYPE), None),
], fmt=tarfile.GNU_FORMAT)
# A member whose header declares far more bytes than the layer holds.
absurd_header = info("srv/absurd.bin", 1 << 40)
absurd = (info("srv/before.txt", 5).tobuf(tarfile.GNU_FORMAT) + b"fine\n".ljust(512, b"\0")
          + absurd_header.tobuf(tarfile.GNU_FORMAT) + b"z" * 1000)
mismatch = tar_bytes([("srv/mismatch.env", f"GITHUB_TOKEN={secrets['MISMATCH']}\n".encode())])
last = gz(tar_bytes([("srv/noise.bin", random.Random(12).randbytes(2 << 20)), ("srv/last.env", f"GITHUB_TOKEN={secrets['LAST']}\n".encode())]))
# Many small bombs in one layer, each under the limit alone: they share their layer's allowance.
small_bomb = gzip.GzipFile(fileobj=(small := io.BytesIO()), mode="wb", compresslevel=9, mtime=0)
small_bomb.write(tar_bytes([(info("zeros.bin", 64 << 20), None)])[:512])
for _ in range(64):
    small_bomb.write(chunk)
small_bomb.close()
nested_bombs = tar_bytes([(f"srv/bomb{i}.tar.gz", small.getvalue()) for i in range(8)])
hostile_layers = [good, truncated, bytes(corrupt), bomb, weird, absurd, mismatch, nested_bombs, last]
hostile_types = [TAR, TAR + "+gzip", TAR + "+gzip", TAR + "+gzip", TAR, TAR, TAR, TAR, TAR + "+gzip"]
hostile_config = config_for([sha(b"") for _ in hostile_layers], env_secret=False)
members, _ = oci_members(hostile_layers, hostile_types, hostile_config, "example/hostile:1")
# The mismatch layer's bytes change after its digest was taken; a missing layer is named.
mismatch_name = "blobs/sha256/" + hashlib.sha256(mismatch).hexdigest()
tampered = mismatch.replace(b"GITHUB_TOKEN=", b"GITHUB_TOKEX=")
members = [(n, tampered if n == mismatch_name else b) for n, b in members]
missing_digest = hashlib.sha256(b"not in the tarball").hexdigest()
layer_names = ["blobs/sha256/" + hashlib.sha256(l).hexdigest() for l in hostile_layers]
layer_names.insert(8, "blobs/sha256/" + missing_digest)
members.append(("manifest.json", json.dumps([{"Config": "blobs/sha256/" + hashlib.sha256(hostile_config).hexdigest(),
                                             "RepoTags": ["example/hostile:1"], "Layers": layer_names}]).encode()))
write_tar(os.path.join(out, "hostile.tar"), members)
plant("GOOD", "srv/good.env", 0, None)
plant("TRAVERSAL", "../../etc/traversal.env", 4, None)
plant("MISMATCH", "srv/mismatch.env", 6, None)
plant("LAST", "srv/last.env", 9, None)

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"cases": expected, "missing_layer": "sha256:" + missing_digest}, f, indent=2, sort_keys=True)
