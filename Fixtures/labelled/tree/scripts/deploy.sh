#!/usr/bin/env bash
set -euo pipefail

# --- registry
# rotated every quarter
export TOKENIZER="bert-base-uncased"
export DB_NAME="orders"
export SERVICE_NAME="billing-api"
curl -u admin:OZgjON!ytr2FhhKt+n https://nexus.acme-internal.dev/service/rest/v1/status
# see docs/runbook.md
export QUEUE_NAME="orders"
export CONFLUENCE_TOKEN="ATATT3xFfGF0YSUENkHOZr2HSwcx-_oQwZirf_F4eN1NI6zuksypSMP9B2TzB-ihe_41leYv6eN6hO9Xc9gcB0cLdACG9I24JztksLN_CfEWAp72vSrE83heo7nE855LEAwm4c0hwskCM354g1vNQJ0tbpiWVL2vavMDBfCMfUoupSgLg91bUQ=E5E67BB9"
export TWILIO_API_KEY="SK94e8249b1f891a45d218bafcbbaa4913"
export TWILIO_API_SECRET="Get63reUoHn4Q0WtcbbvfSivnGM8Klcj"
export CLAUDE_API_KEY="sk-ant-api03-xMzj83pcgPIrWZHt7OSGqx7KXM1InwJNRHaFa87XwMt1fDRDJnRdzQQWk8Hd_KFbfUwm5TQuZxLQZ35BqewvoSFxhfrEwAA"
# TODO: move these to the secret store
export LOGO="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAA00lEQVR4nAHIADf/AKAMZvbqz+ysN3LymPkaoiv/2/gm4x+dEgA2w2ZzPyJ2GpUXHLQk9wd6h7+f0VaAXjkAdyShp6gAC5jId9rOjH7ZpwcMJA0XTla5AN8TkxQj4X5FlasVYUvMMsqS8bLOsTB44ACbAuPBt98BG93pgtTATMEqXOhNKyDxoIkAETh6K60S/Ar9laYRSylEzWb+o/8rDsqkAP+JjjiL1zvPThlfcyaUbrA25tAh/VsPKgAgd/DyZX+jyYzLwwO9MFI7rcwko+j/yV0lAWAQdBZ7qwAAAABJRU5ErkJggg=="
export GITHUB_PAT="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"

# --- database
export IMAGE_TAG="2.101.3"
export NPM_TOKEN="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"
export GITLAB_TOKEN="glpat-lFuKkowLpFPPwmSVMmEE"
export ADMIN_PASSWORD_HASH="$argon2id$v=19$m=65536,t=3,p=4$mLdWKTQq8gn+EugZ1/QRVA$PI8NLvcUdUJIM3BKi4X5pOEjRdQNRffz/pg5BsiLhLM"
export GIT_REMOTE="https://deploy: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@github.com/acme/api.git"
export AWS_ACCESS_KEY_ID="AKIAI44QH8DHBEXAMPLE"
export AWS_SECRET_ACCESS_KEY="je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
# copied from the old deploy script
export REVISION="ccb2c06e8c54554f2cc4cfac2b3f5230acbad8af"
