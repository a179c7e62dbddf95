"""Files with a fixed structure of their own: Kubernetes objects, lock files, credential files,
encrypted-secret formats. Each writer takes a Doc (doc.Doc), the rng and the Keys."""
import base64

import tokens as T
from catalog import pos, neg
from keys import KEY_FILES, first_body_line


def b64s(text):
    return base64.b64encode(text.encode()).decode()


def k8s_secret(doc, rng, keys):
    pw, tok, url_pw = T.strong_password(rng), T.crc_token(rng, "ghp_"), T.strong_password(rng, url_safe=True)
    url = f"postgres://orders:{url_pw}@orders-db.prod.svc:5432/orders"
    doc.add("apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-credentials\n  namespace: prod\ntype: Opaque\ndata:")
    doc.add(f"  username: {b64s('orders')}")
    doc.add(f"  password: {b64s(pw)}", pos("k8s-secret-data", "kubernetes", b64s(pw), pw))
    doc.add(f"  github-token: {b64s(tok)}", pos("k8s-secret-data", "kubernetes", b64s(tok), tok))
    doc.add(f"  placeholder: {b64s('changeme')}", neg("placeholder", b64s("changeme")))
    doc.add("stringData:")
    doc.add(f'  DATABASE_URL: "{url}"', pos("url-password", "postgres", url_pw, url))
    sg = T.sendgrid(rng)
    doc.add(f"  SENDGRID_API_KEY: {sg}", pos("sendgrid", "sendgrid", sg))
    doc.add('  REDIS_PASSWORD: ""')


def k8s_tls(doc, rng, keys):
    kind, pem = keys.take("rsa-pkcs8")
    key_b64 = b64s(pem)
    doc.add("apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-tls\ntype: kubernetes.io/tls\ndata:")
    cert_b64 = b64s(keys.cert)
    doc.add(f"  tls.crt: {cert_b64}", neg("certificate", cert_b64[:60]))
    doc.add(f"  tls.key: {key_b64}", pos("private-key", kind, key_b64, first_body_line(pem)))


def k8s_deployment(doc, rng, keys):
    img = f"ghcr.io/acme/orders@sha256:{T.rand(rng, T.HEX, 64)}"
    doc.add("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 3\n  template:\n"
            "    spec:\n      containers:\n        - name: orders")
    doc.add(f"          image: {img}", neg("image-digest", img))
    doc.add("          env:")
    envs = [("STRIPE_SECRET_KEY", T.stripe(rng), "stripe-secret", "stripe"),
            ("SLACK_BOT_TOKEN", T.slack_bot(rng), "slack-bot", "slack"),
            ("DB_PASSWORD", T.strong_password(rng), "password", "generic"),
            ("ADMIN_PASSWORD", T.human_password(rng), "human-password", "generic")]
    for name, value, kind, provider in envs:
        doc.add(f"            - name: {name}")
        doc.add(f'              value: "{value}"', pos(kind, provider, value))
    doc.add("            - name: API_KEY\n              valueFrom:\n                secretKeyRef:\n"
            "                  name: orders-credentials\n                  key: api-key")
    doc.add("            - name: LOG_LEVEL\n              value: info")
    doc.add("            - name: GIT_COMMIT")
    sha = T.rand(rng, T.HEX, 40)
    doc.add(f'              value: "{sha}"', neg("git-sha", sha))
    doc.add("            - name: PASSWORD_PLACEHOLDER")
    doc.add('              value: "${DB_PASSWORD}"', neg("placeholder", "${DB_PASSWORD}"))


def sealed_secret(doc, rng, keys):
    doc.add("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: payments\n  namespace: prod\n"
            "spec:\n  encryptedData:")
    for k in ["STRIPE_SECRET_KEY", "DB_PASSWORD", "WEBHOOK_SECRET", "AWS_SECRET_ACCESS_KEY"]:
        v = T.sealed_value(rng)
        doc.add(f"    {k}: {v}", neg("sealed-secret", v))
    doc.add("  template:\n    metadata:\n      name: payments")


def kubeconfig(doc, rng, keys):
    ca = b64s(keys.cert)
    tok = T.jwt(rng, "RS256")
    kind, pem = keys.take("rsa-pkcs1")
    key_b64 = b64s(pem)
    doc.add("apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n"
            "      server: https://10.0.0.1:6443")
    doc.add(f"      certificate-authority-data: {ca}", neg("certificate", ca[:60]))
    doc.add("users:\n  - name: ci\n    user:")
    doc.add(f"      token: {tok}", pos("jwt", "kubernetes", tok))
    doc.add("  - name: admin\n    user:")
    doc.add(f"      client-certificate-data: {ca}", neg("certificate", ca[:60]))
    doc.add(f"      client-key-data: {key_b64}", pos("private-key", kind, key_b64, first_body_line(pem)))
    doc.add("contexts:\n  - name: prod\n    context:\n      cluster: prod\n      user: ci\ncurrent-context: prod")


def compose(doc, rng, keys):
    pg, my = T.strong_password(rng), T.human_password(rng)
    mq = T.strong_password(rng, url_safe=True)
    doc.add("services:\n  db:\n    image: postgres:16.3\n    environment:")
    doc.add(f"      POSTGRES_PASSWORD: {pg}", pos("password", "generic", pg))
    doc.add("      POSTGRES_USER: orders\n  mysql:")
    img = f"mysql:8.4@sha256:{T.rand(rng, T.HEX, 64)}"
    doc.add(f"    image: {img}", neg("image-digest", img))
    doc.add("    environment:")
    doc.add(f"      - MYSQL_ROOT_PASSWORD={my}", pos("human-password", "generic", my))
    doc.add("      - MYSQL_PASSWORD=${MYSQL_PASSWORD}", neg("placeholder", "${MYSQL_PASSWORD}"))
    doc.add("  worker:\n    build: .\n    environment:")
    url = f"amqp://worker:{mq}@rabbitmq:5672/"
    doc.add(f"      BROKER_URL: {url}", pos("url-password", "amqp", mq, url))
    oa = T.openai_project(rng)
    doc.add(f"      OPENAI_API_KEY: {oa}", pos("openai", "openai", oa))
    doc.add("      SENTRY_DSN: ${SENTRY_DSN:-}", neg("placeholder", "${SENTRY_DSN:-}"))
    doc.add("      REDIS_URL: redis://cache:6379/0", neg("url-no-credentials", "redis://cache:6379/0"))


def github_workflow(doc, rng, keys):
    tok = T.crc_token(rng, "ghp_")
    doc.add("name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:")
    doc.add("      REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}", neg("placeholder", "${{ secrets.REGISTRY_TOKEN }}"))
    doc.add(f"      GH_TOKEN: {tok}", pos("github-pat", "github", tok))
    sha = T.rand(rng, T.HEX, 40)
    doc.add("    steps:")
    doc.add(f"      - uses: actions/checkout@{sha} # v4.1.7", neg("git-sha", sha))
    npm = T.crc_token(rng, "npm_")
    doc.add(f"      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: {npm}", pos("npm", "npm", npm))
    doc.add("      - run: ./scripts/deploy.sh\n        env:")
    doc.add("          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
            neg("placeholder", "${{ secrets.AWS_SECRET_ACCESS_KEY }}"))


def travis(doc, rng, keys):
    doc.add("language: python\npython: ['3.11']\nenv:\n  global:")
    for _ in range(3):
        v = T.travis_secure(rng)
        doc.add(f'    - secure: "{v}"', neg("travis-secure", v))
    doc.add("deploy:\n  provider: pypi\n  user: __token__\n  password:")
    v = T.travis_secure(rng)
    doc.add(f"    secure: {v}", neg("travis-secure", v))


def ansible_vault(doc, rng, keys):
    doc.add("---\nansible_user: deploy")
    become = T.human_password(rng)
    doc.add(f"ansible_become_password: {become}", pos("human-password", "generic", become))
    for name in ["vault_db_password", "vault_api_token"]:
        lines = T.ansible_vault_lines(rng)
        doc.add(f"{name}: !vault |\n          " + "\n          ".join(lines), neg("ansible-vault", lines[1]))
    doc.add('db_password: "{{ vault_db_password }}"', neg("placeholder", "{{ vault_db_password }}"))


def ansible_vault_file(doc, rng, keys):
    lines = T.ansible_vault_lines(rng, 12)
    for ln in lines:
        doc.add(ln, neg("ansible-vault", ln))


def sops_yaml(doc, rng, keys):
    doc.add("database:")
    for k in ["password", "api_token", "stripe_secret_key"]:
        v = T.sops_value(rng)
        doc.add(f"    {k}: {v}", neg("sops", v))
    age = T.age_public_key(rng)
    doc.add("sops:\n    age:")
    doc.add(f"        - recipient: {age}", neg("public-key", age))
    enc = "\n".join("            " + ln for ln in
                    ["-----BEGIN AGE ENCRYPTED FILE-----"] + [T.b64(rng.randbytes(48)) for _ in range(4)]
                    + ["-----END AGE ENCRYPTED FILE-----"])
    doc.add(f"          enc: |\n{enc}", dict(neg("sops", "AGE ENCRYPTED FILE"), block=True))
    mac = T.sops_value(rng)
    doc.add(f"    lastmodified: \"2024-11-02T10:14:07Z\"\n    mac: {mac}", neg("sops", mac))
    doc.add("    version: 3.9.1")


def package_lock(doc, rng, keys):
    pkgs = ["express", "lodash", "axios", "debug", "ms", "chalk", "semver", "uuid", "jsonwebtoken", "dotenv",
            "bcrypt", "passport", "helmet", "cors", "zod", "pino", "yaml", "commander", "glob", "minimatch"]
    doc.add('{\n  "name": "acme-web",\n  "version": "3.4.1",\n  "lockfileVersion": 3,\n  "packages": {')
    for i, p in enumerate(pkgs):
        ver = f"{rng.randrange(1, 10)}.{rng.randrange(0, 20)}.{rng.randrange(0, 30)}"
        integ = T.npm_integrity(rng)
        doc.add(f'    "node_modules/{p}": {{\n      "version": "{ver}",\n'
                f'      "resolved": "https://registry.npmjs.org/{p}/-/{p}-{ver}.tgz",')
        doc.add(f'      "integrity": "{integ}"', neg("npm-integrity", integ))
        doc.add("    }" + ("," if i < len(pkgs) - 1 else ""))
    doc.add("  }\n}")


def go_sum(doc, rng, keys):
    mods = ["github.com/google/uuid v1.6.0", "golang.org/x/crypto v0.24.0", "golang.org/x/sys v0.21.0",
            "github.com/stretchr/testify v1.9.0", "gopkg.in/yaml.v3 v3.0.1", "github.com/spf13/cobra v1.8.1",
            "go.uber.org/zap v1.27.0", "github.com/jackc/pgx/v5 v5.6.0", "github.com/redis/go-redis/v9 v9.5.3",
            "google.golang.org/grpc v1.64.0", "github.com/golang-jwt/jwt/v5 v5.2.1", "github.com/aws/aws-sdk-go-v2 v1.27.2"]
    for m in mods:
        for suffix in ["", "/go.mod"]:
            h = T.go_sum_hash(rng)
            mod, ver = m.split()
            doc.add(f"{mod} {ver}{suffix} {h}", neg("go-sum", h))


def docker_config(doc, rng, keys):
    user, pw = "ci-bot", T.strong_password(rng)
    auth = b64s(f"{user}:{pw}")
    ghcr = T.crc_token(rng, "ghp_")
    auth2 = b64s(f"acme:{ghcr}")
    doc.add('{\n  "auths": {\n    "https://index.docker.io/v1/": {')
    doc.add(f'      "auth": "{auth}"', pos("basic-auth", "docker", auth, pw, f"{user}:{pw}"))
    doc.add('    },\n    "ghcr.io": {')
    doc.add(f'      "auth": "{auth2}"', pos("basic-auth", "docker", auth2, ghcr))
    doc.add('    }\n  },\n  "credsStore": "desktop",\n  "currentContext": "default"\n}')


def gcp_service_account(doc, rng, keys):
    kind, pem = keys.take("rsa-pkcs8")
    key_id = T.rand(rng, T.HEX, 40)
    doc.add('{\n  "type": "service_account",\n  "project_id": "acme-prod-4821",')
    doc.add(f'  "private_key_id": "{key_id}",', {"class": "ignore", "kind": "key-id", "secret": key_id, "values": []})
    escaped = pem.replace("\n", "\\n")
    doc.add(f'  "private_key": "{escaped}",', pos("private-key", "gcp-" + kind, first_body_line(pem)))
    doc.add(f'  "client_email": "deployer@acme-prod-4821.iam.gserviceaccount.com",\n'
            f'  "client_id": "{T.rand(rng, T.DIGITS, 21)}",\n'
            '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n'
            '  "token_uri": "https://oauth2.googleapis.com/token"\n}')


def npmrc(doc, rng, keys):
    tok = T.crc_token(rng, "npm_")
    doc.add("registry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com")
    doc.add(f"//registry.npmjs.org/:_authToken={tok}", pos("npm", "npm", tok))
    doc.add("//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}", neg("placeholder", "${GITHUB_TOKEN}"))
    doc.add("always-auth=true")


def pypirc(doc, rng, keys):
    tok = T.pypi(rng)
    doc.add("[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[pypi]\nusername = __token__")
    doc.add(f"password = {tok}", pos("pypi", "pypi", tok))
    doc.add("\n[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = __token__")
    doc.add("password = <your-test-pypi-token>", neg("placeholder", "<your-test-pypi-token>"))


def netrc(doc, rng, keys):
    pw, tok = T.strong_password(rng), T.crc_token(rng, "ghp_")
    doc.add(f"machine ftp.acme-internal.dev login backup password {pw}", pos("password", "netrc", pw))
    doc.add(f"machine api.github.com login acme-bot password {tok}", pos("github-pat", "github", tok))
    doc.add("machine example.com login user password password", neg("placeholder", "password password"))


def git_credentials(doc, rng, keys):
    tok, pw = T.crc_token(rng, "ghp_"), T.strong_password(rng, url_safe=True)
    glp = "glpat-" + T.rand(rng, T.B64URL, 20)
    doc.add(f"https://acme-bot:{tok}@github.com", pos("github-pat", "github", tok))
    doc.add(f"https://oauth2:{glp}@gitlab.acme-internal.dev", pos("gitlab-pat", "gitlab", glp))
    doc.add(f"https://deploy:{pw}@bitbucket.org", pos("url-password", "https", pw))


def htpasswd(doc, rng, keys):
    for user in ["admin", "deploy", "grafana", "metrics"]:
        h = rng.choice([T.bcrypt_hash, T.sha512crypt])(rng).replace("$2b$", "$2y$")
        doc.add(f"{user}:{h}", neg("password-hash", h))


def changelog(doc, rng, keys):
    doc.add("# Changelog\n")
    for i in range(8):
        ver = f"3.{8 - i}.{rng.randrange(0, 5)}"
        sha = T.rand(rng, T.HEX, 40)
        doc.add(f"## {ver} (2024-{12 - i:02d}-0{rng.randrange(1, 9)})\n")
        doc.add(f"- Rotate the signing key handling; see commit {sha}.", neg("git-sha", sha))
        doc.add(f"- Fix token refresh when the password expires (#{rng.randrange(100, 999)}).\n")
    h = T.rand(rng, T.HEX, 64)
    doc.add(f"Release tarball sha256: `{h}`", neg("digest", h))


def pem_file(name):
    def write(doc, rng, keys):
        cls, kind, _ = KEY_FILES[name]
        text = (keys.dir / name).read_text().rstrip("\n")
        if cls == "positive":
            doc.add(text, pos("private-key", kind, first_body_line(text), block=True))
        elif name.endswith(".pub"):
            doc.add(text, neg("public-key", text.split()[1][:40]))
        else:
            doc.add(text, dict(neg(kind, first_body_line(text)), block=True))
    return write


SPECIAL = {
    ("k8s/secret-orders.yaml", "yaml"): k8s_secret, ("k8s/tls-secret.yaml", "yaml"): k8s_tls,
    ("k8s/deployment.yaml", "yaml"): k8s_deployment, ("k8s/sealed-secret.yaml", "yaml"): sealed_secret,
    ("k8s/kubeconfig.yaml", "yaml"): kubeconfig, ("docker-compose.yml", "yaml"): compose,
    (".github/workflows/deploy.yml", "yaml"): github_workflow, (".travis.yml", "yaml"): travis,
    ("ansible/group_vars/all.yml", "yaml"): ansible_vault, ("ansible/vault.yml", "yaml"): ansible_vault_file,
    ("secrets.enc.yaml", "yaml"): sops_yaml, ("web/package-lock.json", "json"): package_lock,
    ("go.sum", "go-sum"): go_sum, (".docker/config.json", "json"): docker_config,
    ("config/gcp-service-account.json", "json"): gcp_service_account, ("web/.npmrc", "ini"): npmrc,
    (".pypirc", "ini"): pypirc, ("home/.netrc", "netrc"): netrc, ("home/.git-credentials", "netrc"): git_credentials,
    ("nginx/.htpasswd", "htpasswd"): htpasswd, ("CHANGELOG.md", "markdown"): changelog,
}
SPECIAL.update({(f"keys/{n}", "pem"): pem_file(n) for n in
                ["server.key", "tls.key", "ec-p256.key", "signing-ed25519.pem", "id_ed25519", "id_rsa",
                 "pgp-private.asc", "server.crt", "public.pem", "id_ed25519.pub", "id_rsa.pub", "pgp-public.asc"]})
