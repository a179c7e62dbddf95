"""What can be planted: positives (fake credentials, each with its label) and hard negatives.

An entry is a function (rng, keys) -> list of items; an item is a dict
  form:  "str" (a key/value), "expr" (code reading the environment), "header", "cli", "pem"
  name:  a snake_case key name, recased by the file's style
  value: the text written (for "expr": the environment variable read)
  label: {"class": "positive"|"negative", "kind", "provider", "secret", "values"} or None
`secret` is the credential as it sits in the file (it locates the line); `values` lists other
forms a tool may report for it (the decoded value, the whole URL, ...).
"""
import base64

import tokens as T
from keys import first_body_line


def pos(kind, provider, secret, *values, **extra):
    return dict({"class": "positive", "kind": kind, "provider": provider, "secret": secret,
                 "values": [v for v in values if v and v != secret]}, **extra)


def neg(kind, probe):
    return {"class": "negative", "kind": kind, "secret": probe, "values": []}


def item(name, value, label, form="str"):
    return {"form": form, "name": name, "value": value, "label": label}


def forms(*names):
    """Declare the item forms an entry produces (the default is plain key/values)."""
    def mark(entry):
        entry.forms = set(names)
        return entry
    return mark


def one(kind, provider, names, make):
    """Entry for a token that sits alone under one of `names`."""
    def entry(rng, keys):
        v = make(rng)
        return [item(rng.choice(names), v, pos(kind, provider, v))]
    entry.__name__ = kind
    return entry


# --- positives ---------------------------------------------------------------------------------

def aws_pair(rng, keys):
    prefix = rng.choice(["AKIA", "AKIA", "ASIA"])
    kid, sec = T.aws_key_id(rng, prefix), T.aws_secret(rng)
    out = [item("aws_access_key_id", kid, pos("aws-access-key-id", "aws", kid)),
           item("aws_secret_access_key", sec, pos("aws-secret-access-key", "aws", sec))]
    if prefix == "ASIA":
        tok = "IQoJb3JpZ2luX2Vj" + T.b64(rng.randbytes(rng.randrange(300, 420)))
        out.append(item("aws_session_token", tok, pos("aws-session-token", "aws", tok)))
    return out


def twilio(rng, keys):
    sid, secret = "SK" + T.rand(rng, T.HEX, 32), T.rand(rng, T.ALNUM, 32)
    return [item("twilio_api_key", sid, pos("twilio-api-key", "twilio", sid)),
            item("twilio_api_secret", secret, pos("twilio-api-secret", "twilio", secret))]


def azure_storage(rng, keys):
    account, key = "acme" + T.rand(rng, T.LOWER + T.DIGITS, 8), T.azure_storage_key(rng)
    conn = f"DefaultEndpointsProtocol=https;AccountName={account};AccountKey={key};EndpointSuffix=core.windows.net"
    return [item(rng.choice(["azure_storage_connection_string", "storage_connection"]), conn,
                 pos("azure-storage-key", "azure", key, conn))]


def db_url(rng, keys):
    scheme, port, path = rng.choice([("postgres", 5432, "/orders"), ("postgresql", 5432, "/app?sslmode=require"),
                                     ("mysql", 3306, "/shop"), ("mongodb+srv", None, "/prod?retryWrites=true"),
                                     ("mongodb", 27017, "/admin"), ("redis", 6379, "/0"), ("rediss", 6380, "/1"),
                                     ("amqp", 5672, "/vhost"), ("amqps", 5671, "/")])
    pw = T.human_password(rng) if rng.random() < 0.2 else T.strong_password(rng, url_safe=True)
    user = "" if scheme.startswith("redis") and rng.random() < 0.5 else rng.choice(["app", "admin", "svc_orders", "root"])
    host = rng.choice(["db.internal", "10.0.4.17", "cluster0.x7k2p.mongodb.net", "prod-db.acme-internal.dev"])
    url = f"{scheme}://{user}:{pw}@{host}{':' + str(port) if port else ''}{path}"
    name = {"redis": "redis_url", "rediss": "redis_url", "amqp": "broker_url", "amqps": "rabbitmq_url"}.get(scheme, "database_url")
    provider = {"postgresql": "postgres", "mongodb+srv": "mongodb", "rediss": "redis", "amqps": "amqp"}.get(scheme, scheme)
    return [item(name, url, pos("url-password", provider, pw, url))]


def jdbc_url(rng, keys):
    pw = T.strong_password(rng, url_safe=True)
    url = f"jdbc:mysql://db.internal:3306/billing?user=billing&password={pw}&useSSL=true"
    return [item("jdbc_url", url, pos("url-password", "jdbc", pw, url))]


def git_url(rng, keys):
    tok = T.crc_token(rng, "ghp_") if rng.random() < 0.5 else T.strong_password(rng, url_safe=True)
    url = f"https://{rng.choice(['deploy', 'ci-bot', 'x-access-token'])}:{tok}@github.com/acme/{rng.choice(['infra', 'api', 'charts'])}.git"
    kind = "github-pat" if tok.startswith("ghp_") else "url-password"
    return [item("git_remote", url, pos(kind, "github" if kind == "github-pat" else "https", tok, url))]


PASSWORD_NAMES = ["password", "db_password", "admin_password", "smtp_password", "redis_password", "ldap_bind_password",
                  "keystore_password", "postgres_password", "mysql_root_password", "rabbitmq_password", "db_pass",
                  "registry_password", "sftp_password", "grafana_admin_password"]


def password(rng, keys):
    pw = T.strong_password(rng)
    return [item(rng.choice(PASSWORD_NAMES), pw, pos("password", "generic", pw))]


def human_password(rng, keys):
    pw = T.human_password(rng)
    return [item(rng.choice(PASSWORD_NAMES), pw, pos("human-password", "generic", pw))]


def generic_secret(rng, keys):
    name, v = rng.choice([("api_secret", T.rand(rng, T.ALNUM, 40)), ("client_secret", T.rand(rng, T.B64URL, 48)),
                          ("webhook_secret", "whsec_" + T.rand(rng, T.ALNUM, 32)),
                          ("signing_key", T.rand(rng, T.HEX, 64)), ("encryption_key", T.b64(rng.randbytes(32))),
                          ("secret_key", T.rand(rng, T.ALNUM + "!*^-_+=", 50)),
                          ("session_secret", T.rand(rng, T.HEX, 48)), ("api_token", T.rand(rng, T.ALNUM, 36))])
    return [item(name, v, pos("generic-secret", "generic", v))]


@forms("header")
def bearer(rng, keys):
    tok = T.jwt(rng) if rng.random() < 0.5 else T.rand(rng, T.B64URL, rng.choice([32, 40, 64]))
    return [item("authorization", f"Bearer {tok}", pos("bearer-token", "http", tok), form="header")]


@forms("header")
def basic(rng, keys):
    user, pw = rng.choice(["admin", "deploy", "api", "jenkins"]), T.strong_password(rng)
    enc = base64.b64encode(f"{user}:{pw}".encode()).decode()
    return [item("authorization", f"Basic {enc}", pos("basic-auth", "http", enc, pw, f"{user}:{pw}"), form="header")]


@forms("cli")
def cli_password(rng, keys):
    pw = T.strong_password(rng) if rng.random() < 0.8 else T.human_password(rng)
    cmd = rng.choice([f"mysql -h db.internal -u root -p'{pw}' shop < dump.sql",
                      f"docker login -u ci-bot -p '{pw}' registry.acme-internal.dev",
                      f"acme-cli deploy --env prod --password '{pw}'",
                      f"curl -u admin:{pw} https://nexus.acme-internal.dev/service/rest/v1/status",
                      f"sshpass -p '{pw}' ssh deploy@10.0.3.9 uptime",
                      f"redis-cli -h cache.internal -a '{pw}' PING",
                      f"htpasswd -b -c /etc/nginx/.htpasswd admin '{pw}'",
                      f"kubectl create secret generic db --from-literal=password='{pw}'"])
    return [item("command", cmd, pos("cli-password", "generic", pw), form="cli")]


@forms("pem")
def private_key(rng, keys):
    name, pem = keys.take()
    first_body = first_body_line(pem)
    return [item(rng.choice(["private_key", "tls_key", "signing_key_pem", "ssh_private_key"]), pem,
                 pos("private-key", name, first_body, block=True), form="pem")]


POSITIVES = [
    one("github-pat", "github", ["github_token", "gh_token", "github_pat"], lambda r: T.crc_token(r, "ghp_")),
    one("github-oauth", "github", ["github_oauth_token", "gh_oauth"], lambda r: T.crc_token(r, "gho_")),
    one("github-user-to-server", "github", ["github_app_user_token"], lambda r: T.crc_token(r, "ghu_")),
    one("github-server-to-server", "github", ["github_installation_token", "gh_app_token"], lambda r: T.crc_token(r, "ghs_")),
    one("github-refresh", "github", ["github_refresh_token"], lambda r: T.crc_token(r, "ghr_")),
    one("github-fine-grained", "github", ["github_token", "gh_pat"], T.github_fine_grained),
    one("gitlab-pat", "gitlab", ["gitlab_token", "gl_token", "ci_job_token_override"], T.simple("glpat-", T.B64URL, 20)),
    one("gitlab-runner", "gitlab", ["runner_token"], T.simple("glrt-", T.B64URL, 20)),
    one("slack-bot", "slack", ["slack_bot_token", "slack_token"], T.slack_bot),
    one("slack-user", "slack", ["slack_user_token"], T.slack_user),
    one("slack-webhook", "slack", ["slack_webhook_url", "alerts_webhook"], T.slack_webhook),
    one("stripe-secret", "stripe", ["stripe_secret_key", "stripe_key"], T.stripe),
    one("stripe-restricted", "stripe", ["stripe_restricted_key"], lambda r: T.stripe(r, "rk_live_")),
    one("google-api-key", "google", ["google_api_key", "maps_api_key", "firebase_api_key"], T.google_api_key),
    one("sendgrid", "sendgrid", ["sendgrid_api_key", "mail_api_key"], T.sendgrid),
    one("npm", "npm", ["npm_token", "node_auth_token"], lambda r: T.crc_token(r, "npm_")),
    one("pypi", "pypi", ["pypi_token", "twine_password"], T.pypi),
    one("dockerhub", "docker", ["docker_hub_token", "dockerhub_pat"], T.simple("dckr_pat_", T.B64URL, 27)),
    one("openai", "openai", ["openai_api_key"], T.openai_project),
    one("openai-legacy", "openai", ["openai_key"], T.openai_legacy),
    one("anthropic", "anthropic", ["anthropic_api_key", "claude_api_key"], T.anthropic),
    one("huggingface", "huggingface", ["hf_token", "huggingface_token"], T.simple("hf_", T.string.ascii_letters, 34)),
    one("vault-token", "hashicorp", ["vault_token"], T.vault_token),
    one("terraform-cloud", "hashicorp", ["tfe_token", "tf_api_token"], T.terraform_cloud),
    one("digitalocean", "digitalocean", ["digitalocean_token", "do_token"], T.simple("dop_v1_", T.HEX, 64)),
    one("shopify-access", "shopify", ["shopify_access_token"], T.simple("shpat_", T.HEX, 32)),
    one("shopify-shared-secret", "shopify", ["shopify_api_secret"], T.simple("shpss_", T.HEX, 32)),
    one("databricks", "databricks", ["databricks_token"], T.simple("dapi", T.HEX, 32)),
    one("age-secret-key", "age", ["age_key", "sops_age_key"], T.age_secret_key),
    one("azure-client-secret", "azure", ["azure_client_secret", "arm_client_secret"], T.azure_client_secret),
    one("jwt", "jwt", ["id_token", "service_jwt", "access_token"], T.jwt),
    one("mailgun", "mailgun", ["mailgun_api_key"], T.simple("key-", T.HEX, 32)),
    one("postman", "postman", ["postman_api_key"], lambda r: "PMAK-" + T.rand(r, T.HEX, 24) + "-" + T.rand(r, T.HEX, 34)),
    one("grafana-service-account", "grafana", ["grafana_token"], lambda r: "glsa_" + T.rand(r, T.ALNUM, 32) + "_" + T.rand(r, T.HEX, 8)),
    one("newrelic", "newrelic", ["new_relic_api_key"], T.simple("NRAK-", T.UPPER + T.DIGITS, 27)),
    one("telegram-bot", "telegram", ["telegram_bot_token"], T.telegram_bot),
    one("linear", "linear", ["linear_api_key"], T.simple("lin_api_", T.ALNUM, 40)),
    one("atlassian", "atlassian", ["jira_api_token", "confluence_token"], T.atlassian),
    one("square", "square", ["square_access_token"], lambda r: "EAAA" + T.rand(r, T.B64URL, 60)),
    one("discord-webhook", "discord", ["discord_webhook"], T.discord_webhook),
    one("fcm-server-key", "google", ["fcm_server_key"], T.fcm_server_key),
    one("dynatrace", "dynatrace", ["dt_api_token"], T.dynatrace),
    one("sentry-user-token", "sentry", ["sentry_auth_token"], T.simple("sntryu_", T.HEX, 64)),
    one("pulumi", "pulumi", ["pulumi_access_token"], T.simple("pul-", T.HEX, 40)),
    aws_pair, aws_pair, twilio, azure_storage, db_url, db_url, db_url, jdbc_url, git_url,
    password, password, password, human_password, human_password, generic_secret, generic_secret,
    bearer, basic, cli_password, cli_password, private_key,
]


# --- hard negatives ------------------------------------------------------------------------------

SECRET_NAMES = ["password", "db_password", "api_key", "api_token", "secret_key", "client_secret", "auth_token",
                "github_token", "stripe_secret_key", "slack_token", "access_token", "private_key", "aws_secret_access_key"]
PLACEHOLDERS = ["${DB_PASSWORD}", "${API_KEY}", "$SECRET_TOKEN", "<token>", "<your-api-key>", "changeme",
                "xxxxxxxxxxxxxxxx", "your-api-key", "your_api_key_here", "REPLACE_ME", "********",
                "{{ .Values.db.password }}", "${{ secrets.DEPLOY_TOKEN }}", "%(password)s", "TODO", "dummy",
                "example", "<redacted>", "${env:API_KEY}", "{{ vault_db_password }}", "insert-key-here",
                "secret", "password", "null", "CHANGE_ME_BEFORE_DEPLOY", "<your-password>", "${SECRET_KEY:-}"]
SHAPED_PLACEHOLDERS = [("github_token", "ghp_" + "x" * 36), ("github_token", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
                       ("stripe_secret_key", "sk_live_" + "x" * 24), ("slack_bot_token", "xoxb-your-slack-bot-token"),
                       ("google_api_key", "AIza" + "X" * 35), ("gitlab_token", "glpat-xxxxxxxxxxxxxxxxxxxx"),
                       ("openai_api_key", "sk-proj-..."), ("hf_token", "hf_" + "x" * 34),
                       ("npm_token", "npm_" + "0" * 36), ("aws_access_key_id", "AKIAXXXXXXXXXXXXXXXX"),
                       ("sendgrid_api_key", "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                       ("anthropic_api_key", "sk-ant-api03-..."), ("database_url", "postgres://user:password@localhost:5432/db")]
WORDS = [("password_min_length", "12"), ("token_ttl_seconds", "3600"), ("secret_name", "db-credentials"),
         ("api_key_header", "X-Api-Key"), ("password_reset_path", "/account/password/reset"),
         ("tokenizer", "bert-base-uncased"), ("secret_provider", "aws-secretsmanager"), ("auth_method", "oauth2"),
         ("token_audience", "https://api.acme-internal.dev"), ("key_vault_name", "kv-acme-prod"),
         ("password_policy", "min=12,upper,digit"), ("credentials_source", "environment"),
         ("token_endpoint", "https://login.acme-internal.dev/oauth2/v2.0/token"), ("secret_rotation_days", "90"),
         ("private_key_algorithm", "RS256"), ("api_key_prefix", "acme_live_")]
VERSIONS = ["2.101.3", "v1.29.4", "4.5.2-rc.1", "2024-06-01", "1.0.0+build.5114f85", "0.14.0", "v3.12.0-alpine3.19"]
PATHS = [("tls_key_file", "/etc/ssl/private/server.key"), ("password_file", "/run/secrets/db_password"),
         ("token_path", "/var/run/secrets/kubernetes.io/serviceaccount/token"), ("credentials_file", "~/.aws/credentials"),
         ("ssh_key_path", "~/.ssh/id_ed25519"), ("secrets_dir", "./config/secrets/")]
URLS = [("database_url", "postgres://db.internal:5432/orders"), ("redis_url", "redis://cache.internal:6379/0"),
        ("auth_url", "https://login.acme-internal.dev/oauth2/authorize"), ("registry", "https://registry.npmjs.org/"),
        ("database_url", "postgres://app:${DB_PASSWORD}@db.internal:5432/orders"),
        ("mongo_url", "mongodb://<username>:<password>@cluster0.mongodb.net/test"),
        ("broker_url", "amqp://$(RABBITMQ_USER):$(RABBITMQ_PASS)@rabbitmq:5672/")]


def negs(kind, pairs):
    def entry(rng, keys):
        name, value = pairs(rng, keys) if callable(pairs) else rng.choice(pairs)
        return [item(name, value, neg(kind, value))]
    entry.__name__ = kind
    return entry


@forms("expr")
def env_reference(rng, keys):
    name = rng.choice(SECRET_NAMES)
    return [item(name, name.upper(), neg("env-reference", name.upper()), form="expr")]


def aws_doc(rng, keys):
    kid, sec = rng.choice(T.AWS_DOC_KEYS)
    return [item("aws_access_key_id", kid, neg("aws-doc-example", kid)),
            item("aws_secret_access_key", sec, neg("aws-doc-example", sec))]


def bad_checksum(rng, keys):
    prefix, name = rng.choice([("ghp_", "github_token"), ("gho_", "github_oauth_token"), ("ghs_", "gh_app_token"),
                               ("npm_", "npm_token"), ("ghp_", "gh_token")])
    v = T.crc_token_bad(rng, prefix)
    return [item(name, v, neg("bad-checksum", v))]


def hashed_password(rng, keys):
    v = rng.choice([T.bcrypt_hash, T.argon2_hash, T.sha512crypt])(rng)
    return [item(rng.choice(["password_hash", "admin_password_hash", "hashed_password"]), v, neg("password-hash", v))]


def hex_ids(rng, keys):
    name, n, kind = rng.choice([("commit", 40, "git-sha"), ("revision", 40, "git-sha"), ("git_sha", 40, "git-sha"),
                                ("cache_key", 40, "hex-id"), ("trace_id", 32, "hex-id"), ("etag", 32, "hex-id"),
                                ("checksum_sha256", 64, "digest"), ("sha512", 128, "digest"), ("md5", 32, "digest")])
    v = T.rand(rng, T.HEX, n)
    return [item(name, v, neg(kind, v))]


def uuid(rng, keys):
    v = T.uuid4(rng)
    return [item(rng.choice(["tenant_id", "request_id", "correlation_id", "installation_id", "subscription_id",
                             "azure_client_id", "idempotency_key"]), v, neg("uuid", v))]


def public_material(rng, keys):
    name, v, kind = rng.choice([("ssh_public_key", keys.ssh_pub, "public-key"),
                                ("age_recipient", T.age_public_key(rng), "public-key"),
                                ("stripe_publishable_key", "pk_live_" + T.rand(rng, T.ALNUM, 24), "publishable-key"),
                                ("google_client_id", f"{T.rand(rng, T.DIGITS, 12)}-{T.rand(rng, T.LOWER + T.DIGITS, 32)}.apps.googleusercontent.com", "public-id"),
                                ("public_key_fingerprint", "SHA256:" + T.b64(rng.randbytes(32)).rstrip("="), "public-key")])
    return [item(name, v, neg(kind, v))]


def encrypted(rng, keys):
    # SOPS values say what they are anywhere; Sealed Secrets and Travis `secure:` values are plain
    # base64 that only their own files identify, so they appear only there (special.py)
    v = T.sops_value(rng)
    return [item(rng.choice(SECRET_NAMES), v, neg("sops", v))]


def digests(rng, keys):
    name, v, kind = rng.choice([("image", f"ghcr.io/acme/api@sha256:{T.rand(rng, T.HEX, 64)}", "image-digest"),
                                ("integrity", T.npm_integrity(rng), "npm-integrity"),
                                ("logo", T.png_data_uri(rng), "base64-image")])
    return [item(name, v, neg(kind, v))]


NEGATIVES = [
    negs("placeholder", lambda r, k: (r.choice(SECRET_NAMES), r.choice(PLACEHOLDERS))),
    negs("placeholder", lambda r, k: (r.choice(SECRET_NAMES), r.choice(PLACEHOLDERS))),
    negs("placeholder", lambda r, k: (r.choice(SECRET_NAMES), r.choice(PLACEHOLDERS))),
    negs("shaped-placeholder", SHAPED_PLACEHOLDERS), negs("shaped-placeholder", SHAPED_PLACEHOLDERS),
    negs("word", WORDS), negs("word", WORDS),
    negs("version", lambda r, k: (r.choice(["version", "image_tag", "api_version", "chart_version"]), r.choice(VERSIONS))),
    negs("path", PATHS), negs("url-no-credentials", URLS),
    env_reference, env_reference, aws_doc, bad_checksum, bad_checksum, hashed_password, hashed_password,
    hex_ids, hex_ids, uuid, public_material, encrypted, digests,
]
