#!/usr/bin/env python3
"""Writes Fixtures/structured: Kubernetes manifests, a kubeconfig, a Helm chart, Dockerfiles and a
compose file, with synthetic credentials (random, seeded: the files are the same on every run).

Each line after a `# expect-next: rule, rule` comment (or line N of `# expect-line N: rule`, where a
comment cannot stand, as inside a block scalar) holds exactly the findings it names; every
other line must stay quiet (the look-alikes: secretKeyRef, templates, $(cat /run/secrets/x),
SealedSecret and SOPS ciphertext, --mount=type=secret, a key copied only into a build stage).
StructuredFixtureTests asserts exactly that. Run: python3 Fixtures/make-structured.py
"""
import base64
import json
import os
import random
import string

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "structured")
random.seed(20261203)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"


def rnd(n, alphabet=ALNUM):
    return "".join(random.choice(alphabet) for _ in range(n))


def b64(s):
    return base64.b64encode(s.encode()).decode()


def write(path, text):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def enc(n):
    return f"ENC[AES256_GCM,data:{rnd(n, B64)}=,iv:{rnd(43, B64)}=,tag:{rnd(22, B64)}==,type:str]"


def main():
    pw, key, api, sig = rnd(20), rnd(32), rnd(40), rnd(32)
    write("k8s/secret.yaml", f"""# A Secret committed with real values: each value is judged under its key, and the manifest itself
# is a hygiene finding.
apiVersion: v1
kind: Secret
metadata:
  # expect-next: kubernetes-secret-manifest
  name: billing-credentials
  namespace: billing
type: Opaque
data:
  # expect-next: generic-password
  password: {b64(pw)}
  # expect-next: generic-key
  key: {b64(key)}
  # expect-next: kubernetes-secret-data
  signing: {b64(sig)}
  username: {b64('billing')}
  host: {b64('db.billing.svc')}
  empty: ""
stringData:
  # expect-next: generic-api-key
  apikey: "{api}"
  region: eu-west-1
""")

    write("k8s/secret-placeholders.yaml", f"""# Look-alikes: a Secret of placeholders and empty values is not a committed secret.
apiVersion: v1
kind: Secret
metadata:
  name: app-config
data:
  password: {b64('changeme')}
  token: ""
stringData:
  api_key: "<your-api-key>"
  client-secret: "${{CLIENT_SECRET}}"
""")

    auth = b64("deploy:" + rnd(24))
    config = json.dumps({"auths": {"registry.example.com": {"auth": auth}}}, separators=(",", ":"))
    write("k8s/registry.yaml", f"""# A registry pull secret: the auth inside .dockerconfigjson is decoded twice.
apiVersion: v1
kind: Secret
metadata:
  # expect-next: kubernetes-secret-manifest
  name: regcred
type: kubernetes.io/dockerconfigjson
data:
  # expect-next: docker-config-auth
  .dockerconfigjson: {b64(config)}
""")

    dbpw, token, urlpw = rnd(18), rnd(36, "0123456789abcdef"), rnd(16)
    write("k8s/deployment.yaml", f"""# Env literals: a secret-named variable with a literal value is a secret finding and a hygiene
# finding (use valueFrom.secretKeyRef); references and plain settings are not.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  template:
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/migrate:1.0
          env:
            # expect-next: kubernetes-env-literal-secret
            - name: DATABASE_URL
              # expect-next: url-postgres-password
              value: postgres://migrate:{urlpw}@db:5432/app
      containers:
        - name: api
          image: registry.example.com/api:1.0
          env:
            # expect-next: kubernetes-env-literal-secret
            - name: DB_PASSWORD
              # expect-next: generic-password
              value: "{dbpw}"
            # expect-next: kubernetes-env-literal-secret
            - name: UPSTREAM_API_TOKEN
              # expect-next: generic-token
              value: {token}
            - name: SESSION_SECRET
              valueFrom:
                secretKeyRef:
                  name: api
                  key: session-secret
            - name: WEBHOOK_TOKEN
              value: "$(WEBHOOK_TOKEN)"
            - name: LOG_LEVEL
              value: debug
            - name: PASSWORD_MIN_LENGTH
              value: "12"
""")

    write("k8s/list.yaml", f"""# A List of objects, as kubectl get -o yaml writes it.
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      LOG_LEVEL: info
  - apiVersion: v1
    kind: Secret
    metadata:
      # expect-next: kubernetes-secret-manifest
      name: listed
    stringData:
      # expect-next: generic-password
      admin-password: "{rnd(20)}"
""")

    write("k8s/sealed-secret.yaml", f"""# The right practice: a SealedSecret's encryptedData is ciphertext only the cluster can open, and
# an ExternalSecret names where the value lives.
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: billing-credentials
spec:
  encryptedData:
    password: Ag{rnd(120, B64)}==
    api_token: Ag{rnd(96, B64)}=
  template:
    metadata:
      name: billing-credentials
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: billing
spec:
  secretStoreRef:
    name: vault
    kind: ClusterSecretStore
  data:
    - secretKey: password
      remoteRef:
        key: billing/db
        property: password
""")

    write("k8s/sops-secret.yaml", f"""# The right practice: a SOPS-encrypted Secret; every value is ciphertext.
apiVersion: v1
kind: Secret
metadata:
    name: app
stringData:
    password: {enc(24)}
    api_token: {enc(40)}
sops:
    lastmodified: "2026-11-30T10:00:00Z"
    mac: {enc(64)}
    version: 3.9.1
""")

    applied = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "legacy", "namespace": "ops"},
               "data": {"password": b64(rnd(16)), "signing": b64(rnd(32))}}
    write("k8s/last-applied.yaml", f"""# kubectl apply's annotation keeps the whole object, Secret data included, after data was removed.
# expect-line 10: kubernetes-secret-manifest, generic-password, kubernetes-secret-data
apiVersion: v1
kind: Secret
metadata:
  name: legacy
  namespace: ops
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {json.dumps(applied, separators=(",", ":"))}
type: Opaque
""")

    write("k8s/kubeconfig", f"""# A kubeconfig with three kinds of user credentials.
# expect-line 12: kubeconfig-user-token
apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster:
      server: https://k8s.example.com
users:
  - name: ci
    user:
      token: {rnd(40)}
  - name: ops
    user:
      username: ops
      # expect-next: generic-password
      password: {rnd(16)}
  - name: sso
    user:
      auth-provider:
        name: oidc
        config:
          client-id: kubernetes
          # expect-next: generic-secret
          client-secret: {rnd(24)}
""")

    write("k8s/kustomize/kustomization.yaml", f"""# kustomize generates a Secret from literals: the values are in git as surely as a manifest's.
resources:
  - ../deployment.yaml
secretGenerator:
  # expect-next: kubernetes-secret-manifest
  - name: api-keys
    literals:
      - username=api
      # expect-next: generic-token
      - upstream-token={rnd(32)}
      # expect-next: kubernetes-secret-data
      - signing={rnd(40)}
    envs:
      - secrets.env
  - name: from-files
    files:
      - tls.key
""")

    write("chart/templates/secret.yaml", """apiVersion: v1
kind: Secret
metadata:
  name: {{ include "app.fullname" . }}
type: Opaque
data:
  password: {{ .Values.auth.password | b64enc | quote }}
  token: {{ required "auth.token is required" .Values.auth.token | b64enc }}
""")

    write("chart/values.yaml", f"""# A chart's default password is a finding; the template that reads it is not.
auth:
  # expect-next: generic-password
  password: "{rnd(14)}"
  token: ""
  existingSecret: ""
""")

    write("docker/Dockerfile", f"""# syntax=docker/dockerfile:1
ARG GO_VERSION=1.23

FROM golang:${{GO_VERSION}} AS build
# A build stage the final stage copies from: its history does not reach the image, its files may.
ARG NPM_TOKEN
RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download
RUN go build -o /out/app ./cmd/app

FROM golang:${{GO_VERSION}} AS tools
# A stage nothing reaches: a key copied here stays out of the image.
COPY id_ed25519 /root/.ssh/id_ed25519
RUN go install example.com/tool@latest

FROM gcr.io/distroless/base-debian12 AS runtime
# expect-next: dockerfile-secret-build-arg
ARG GITHUB_TOKEN
# expect-next: dockerfile-secret-env
ENV API_KEY=$API_KEY \\
    LOG_LEVEL=info
RUN echo "token is $(cat /run/secrets/token)" > /dev/null
# expect-next: curl-user-password
RUN curl -fsSL -u deploy:{rnd(16)} https://artifacts.example.com/tool.tgz | tar xz
RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) ./fetch
# expect-next: dockerfile-secret-file-copy
COPY --chown=app:app config/.npmrc /home/app/.npmrc
COPY --from=build /out/app /app
COPY certs/server-cert.pem /etc/ssl/server-cert.pem
COPY .env.example /app/.env.example
# expect-next: dockerfile-secret-env, generic-password
ENV DB_PASSWORD Pw{rnd(14)}
RUN <<EOT
apk add --no-cache curl
EOT
""")

    write("docker/Dockerfile.windows", """# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# expect-next: dockerfile-secret-build-arg
ARG REGISTRY_PASSWORD
RUN powershell -Command `
    Write-Host 'installing'
# expect-next: dockerfile-secret-file-copy
COPY ["secrets/service-account.json", "C:/app/service-account.json"]
""")

    write("compose/docker-compose.yml", f"""# Compose: environment maps and lists, build args, and a healthcheck written as a list.
x-db-env: &db-env
  # expect-next: generic-password
  POSTGRES_PASSWORD: {rnd(18)}
services:
  db:
    image: postgres:16
    environment:
      <<: *db-env
      POSTGRES_USER: app
  api:
    build:
      context: .
      args:
        # expect-next: generic-token
        NPM_TOKEN: {rnd(24)}
    environment:
      - LOG_LEVEL=debug
      - REDIS_PASSWORD=${{REDIS_PASSWORD}}
      # expect-next: generic-secret
      - API_SECRET={rnd(22)}
    healthcheck:
      # expect-next: curl-user-password
      test: ["CMD", "curl", "-fsS", "-u", "health:{rnd(14)}", "http://localhost:8080/health"]
secrets:
  db_password:
    file: ./db_password.txt
""")


if __name__ == "__main__":
    main()
