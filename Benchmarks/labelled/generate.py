#!/usr/bin/env python3
"""Generate the labelled detection-quality fixture set (deterministic for a given seed).

usage: generate.py [--seed N] [--out DIR] [--new-keys]

Writes DIR/tree/ (the files to scan; default DIR = Fixtures/labelled) and DIR/labels.json:
  {"version": 1, "seed", "files": {path: file_type},
   "positives": [{"id", "path", "line", "end_line", "kind", "provider", "file_type", "secret", "values"}],
   "negatives": [{"id", "path", "line", "end_line", "kind", "file_type", "secret"}],
   "ignore":    [... lines where a finding counts neither way ...]}
Paths are relative to DIR/tree; lines are 1-based; `secret` is the credential as written in the
file, `values` other forms of it a tool may report (decoded base64, the whole URL, ...).
Every value is fake: random characters of the right shape, with a valid checksum where the format
has one (GitHub, npm: CRC32; age: bech32). Private keys are made by openssl/ssh-keygen/gpg only when
missing from DIR/tree/keys/ (key files scanned as such) and DIR/keypool/ (keys other files embed,
each once; not scanned), or with --new-keys; they are reused, so reruns give identical files.
"""
import argparse
import json
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog  # noqa: E402
import doc as D  # noqa: E402
import keys as K  # noqa: E402
import special  # noqa: E402
import styles as S  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SEED = 20240611

# path, style, positives, negatives, sections
PLAN = [
    (".env", "env", 9, 6, ["database", "payments", "ci"]),
    (".env.production", "env", 9, 6, ["auth", "storage", "notifications"]),
    ("deploy/staging.env", "env", 7, 5, ["cache", "observability"]),
    ("config/local.env.example", "env", 0, 12, ["database", "payments"]),
    ("scripts/deploy.sh", "shell", 8, 6, ["registry", "database"]),
    ("scripts/bootstrap.sh", "shell", 8, 6, ["ci", "storage"]),
    ("ci/release.sh", "shell", 7, 6, ["publish"]),
    ("scripts/backup-db.sh", "shell", 6, 6, ["database"]),
    ("charts/api/values.yaml", "yaml", 8, 8, ["database", "auth", "payments"]),
    ("charts/api/values-prod.yaml", "yaml", 8, 6, ["cache", "notifications"]),
    ("config/application.yml", "yaml", 7, 7, ["datasource", "mail", "oauth"]),
    ("deploy/pipeline-vars.yaml", "yaml", 6, 6, ["ci", "registry"]),
    ("config/appsettings.json", "json", 8, 7, ["connection_strings", "payments", "logging"]),
    ("config/settings.prod.json", "json", 8, 7, ["auth", "storage"]),
    ("web/firebase-config.json", "json", 5, 6, ["firebase"]),
    ("config/settings.toml", "toml", 8, 6, ["database", "payments", "ai"]),
    (".streamlit/secrets.toml", "toml", 6, 5, ["connections", "api"]),
    ("config/netlify.toml", "toml", 4, 6, ["build", "environment"]),
    ("config/app.ini", "ini", 7, 6, ["database", "mail", "storage"]),
    ("config/db.cfg", "ini", 6, 5, ["primary", "replica"]),
    ("setup.cfg", "ini", 1, 8, ["metadata", "tool"]),
    ("src/main/resources/application.properties", "properties", 8, 6, ["spring.datasource", "spring.mail"]),
    ("src/main/resources/application-prod.properties", "properties", 7, 6, ["payments", "storage"]),
    ("gradle.properties", "properties", 5, 6, ["publishing", "signing"]),
    ("config/web.config", "xml", 7, 6, ["app_settings", "connection_strings"]),
    ("maven/settings.xml", "xml", 6, 6, ["servers", "profiles"]),
    ("app/src/main/res/values/secrets.xml", "xml", 5, 5, ["resources"]),
    ("app/settings.py", "python", 9, 8, ["database", "payments", "auth"]),
    ("app/integrations.py", "python", 8, 7, ["slack", "ai", "storage"]),
    ("scripts/seed.py", "python", 6, 6, ["seed"]),
    ("tests/test_client.py", "python", 5, 7, ["fixtures"]),
    ("web/src/config.js", "javascript", 8, 7, ["api", "payments", "analytics"]),
    ("server/config.js", "javascript", 7, 7, ["database", "mail"]),
    ("web/src/api/config.ts", "typescript", 8, 7, ["auth", "ai"]),
    ("functions/src/env.ts", "typescript", 6, 6, ["firebase", "notifications"]),
    ("internal/config/config.go", "go", 8, 7, ["database", "queue"]),
    ("cmd/worker/settings.go", "go", 7, 6, ["storage", "ai"]),
    ("src/main/java/com/acme/config/Settings.java", "java", 8, 7, ["database", "payments"]),
    ("src/main/java/com/acme/config/CloudSettings.java", "java", 7, 6, ["storage", "messaging"]),
    ("Sources/App/Secrets.swift", "swift", 8, 7, ["api", "payments"]),
    ("Sources/App/Config.swift", "swift", 6, 6, ["analytics", "storage"]),
    ("Dockerfile", "dockerfile", 6, 5, ["build", "runtime"]),
    ("docker/worker.Dockerfile", "dockerfile", 6, 5, ["runtime"]),
    ("docker/api/Dockerfile", "dockerfile", 5, 6, ["build"]),
    ("infra/main.tf", "terraform", 8, 7, ["provider", "database", "cache"]),
    ("infra/modules/queue/main.tf", "terraform", 6, 6, ["queue", "notifications"]),
    ("infra/prod.tfvars", "tfvars", 7, 6, []),
    ("README.md", "markdown", 6, 8, ["quick_start", "configuration"]),
    ("docs/setup.md", "markdown", 7, 7, ["local_setup", "deploy"]),
    ("docs/runbook.md", "markdown", 7, 6, ["incident", "database"]),
    ("http/api.http", "http", 7, 5, ["orders", "payments", "users"]),
    ("http/admin.http", "http", 5, 5, ["admin", "audit"]),
]

FILLERS = [("port", "8080"), ("host", "0.0.0.0"), ("log_level", "info"), ("region", "eu-west-1"),
           ("timeout_seconds", "30"), ("service_name", "billing-api"), ("max_connections", "100"),
           ("environment", "production"), ("enable_search", "true"), ("cache_ttl", "300"), ("retry_count", "5"),
           ("bucket", "acme-assets-prod"), ("queue_name", "orders"), ("smtp_host", "smtp.mailgun.org"),
           ("username", "deploy-bot"), ("db_user", "app"), ("db_name", "orders"), ("worker_threads", "8"),
           ("metrics_path", "/metrics"), ("cors_origin", "https://app.acme.dev")]
COMMENTS = ["Managed by the platform team", "TODO: move these to the secret store", "rotated every quarter",
            "values for the staging cluster", "copied from the old deploy script", "see docs/runbook.md",
            "keep in sync with charts/api/values.yaml", "used by the nightly job"]
EXPR = {"python": 'os.environ["{u}"]', "javascript": "process.env.{u}", "typescript": "process.env.{u} ?? \"\"",
        "go": 'os.Getenv("{u}")', "java": 'System.getenv("{u}")',
        "swift": 'ProcessInfo.processInfo.environment["{u}"] ?? ""', "terraform": "var.{s}"}


class Deck:
    """Draws catalog entries in shuffled rounds, so every entry is used about equally often."""

    def __init__(self, entries, rng):
        self.entries, self.rng, self.pile = entries, rng, []

    def draw(self, fits):
        for _ in range(3 * len(self.entries)):
            if not self.pile:
                self.pile = list(self.entries)
                self.rng.shuffle(self.pile)
            entry = self.pile.pop()
            if fits(entry):
                return entry
        raise RuntimeError("no catalog entry fits this file type")


def style_for(name):
    if name == "tfvars":
        style = S.Terraform()
        style.indent = ""
        return style
    return S.STYLES[name]()


def render(style, doc, it):
    form, label = it["form"], it["label"]
    if form == "expr":
        code = EXPR[style.ftype].format(u=it["value"], s=it["value"].lower())
        style.assign(doc, it["name"], code, dict(label, secret=code), expr=True)
    elif form == "header":
        style.header(doc, it["value"], label)
    elif form == "cli":
        style.cli(doc, it["value"], label)
    elif form == "pem":
        style.pem(doc, it["name"], it["value"], label)
    else:
        style.assign(doc, it["name"], it["value"], label)


def generic_file(path, style_name, n_pos, n_neg, sections, rng, decks, keys):
    style = style_for(style_name)
    doc = D.Doc(path, "terraform" if style_name == "tfvars" else style.ftype, rng)
    supports = style.supports

    def fits(entry):
        return getattr(entry, "forms", {"str"}) <= supports
    batches = [decks["pos"].draw(fits)(rng, keys) for _ in range(n_pos)]
    batches += [decks["neg"].draw(fits)(rng, keys) for _ in range(n_neg)]
    rng.shuffle(batches)
    used = set()  # no key twice in one file (YAML/JSON readers reject or overwrite those)
    style.open(doc)
    chunks = [batches[i::max(1, len(sections))] for i in range(max(1, len(sections)))]
    for si, chunk in enumerate(chunks):
        if sections:
            style.section(doc, sections[si])
        for batch in chunk:
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                if rng.random() < 0.3:
                    style.comment(doc, rng.choice(COMMENTS))
                else:
                    name, value = rng.choice(FILLERS)
                    if name not in used:
                        used.add(name)
                        style.assign(doc, name, value)
            names = [it["name"] for it in batch]  # AWS pairs etc. share one suffix
            k = 1
            while any((f"{n}_{k}" if k > 1 else n) in used for n in names):
                k += 1
            for it in batch:
                name = f"{it['name']}_{k}" if k > 1 else it["name"]
                used.add(name)
                render(style, doc, dict(it, name=name))
        if sections:
            style.end_section(doc)
    style.close(doc)
    return doc


def build(out, seed, new_keys):
    tree = out / "tree"
    tree.mkdir(parents=True, exist_ok=True)
    K.ensure(tree / "keys", out / "keypool", renew=new_keys)
    for child in tree.iterdir():  # everything but the key material is rebuilt
        if child.name != "keys":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    keys = K.Keys(tree / "keys", out / "keypool")
    rng = random.Random(seed)
    decks = {"pos": Deck(catalog.POSITIVES, rng), "neg": Deck(catalog.NEGATIVES, rng)}
    docs = [generic_file(p, st, npos, nneg, secs, rng, decks, keys) for p, st, npos, nneg, secs in PLAN]
    for (path, ftype), writer in SPECIAL_ITEMS:
        doc = D.Doc(path, ftype, rng)
        writer(doc, rng, keys)
        docs.append(doc)
    labels = {"version": 1, "seed": seed, "generator": "Benchmarks/labelled/generate.py",
              "files": {}, "positives": [], "negatives": [], "ignore": []}
    for doc in sorted(docs, key=lambda d: d.path):
        f = tree / doc.path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(doc.text())
        labels["files"][doc.path] = doc.ftype
        for lab in doc.labels:
            cls = lab.pop("class")
            bucket = {"positive": "positives", "negative": "negatives", "ignore": "ignore"}[cls]
            lab["id"] = f"{bucket[0].upper()}{len(labels[bucket]) + 1:04d}"
            labels[bucket].append({k: lab[k] for k in ["id", "path", "line", "end_line", "kind", "provider",
                                                       "file_type", "secret", "values"] if k in lab})
    verify(tree, labels)
    (out / "labels.json").write_text(json.dumps(labels, indent=1) + "\n")
    return labels


SPECIAL_ITEMS = sorted(special.SPECIAL.items())


def verify(tree, labels):
    """Each label's secret must sit on its lines, and no two positives may share a line."""
    seen = {}
    for bucket in ["positives", "negatives", "ignore"]:
        for lab in labels[bucket]:
            lines = (tree / lab["path"]).read_text().split("\n")[lab["line"] - 1:lab["end_line"]]
            if not any(lab["secret"] in ln for ln in lines):
                raise SystemExit(f"label {lab['id']} ({lab['kind']}): secret not on {lab['path']}:{lab['line']}")
            for n in range(lab["line"], lab["end_line"] + 1):
                other = seen.setdefault((lab["path"], n), lab["id"])
                if other != lab["id"]:
                    raise SystemExit(f"labels {other} and {lab['id']} share {lab['path']}:{n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=REPO / "Fixtures" / "labelled")
    ap.add_argument("--new-keys", action="store_true", help="regenerate the private/public key files")
    a = ap.parse_args()
    labels = build(a.out, a.seed, a.new_keys)
    size = sum(f.stat().st_size for f in (a.out / "tree").rglob("*") if f.is_file())
    types = sorted(set(labels["files"].values()))
    print(f"{len(labels['files'])} files ({size / 1024:.0f} KiB, {len(types)} file types), "
          f"{len(labels['positives'])} positives, {len(labels['negatives'])} hard negatives, "
          f"{len(labels['ignore'])} ignored lines -> {a.out}")


if __name__ == "__main__":
    main()
