"""Service configuration."""
import os


# --- slack
PORT = "8080"
POSTGRES_PASSWORD = "Princess1234!"
# used by the nightly job
SMTP_HOST = "smtp.mailgun.org"
AGE_RECIPIENT = "age1r2fhtuztzar75ua66a6pkk4745n2m4tdkjpg4c5vljwlygvfly8q0hdzk0"
HOST = "0.0.0.0"
NPM_TOKEN = "npm_XKWAnDgtkXZt4Jd5UUCxMlzrg81fV7eQ7NPB"
LOG_LEVEL = "info"
GITHUB_OAUTH_TOKEN = "gho_h7SDcwdABwVYeuCFI7pV4uph9gV1omy2akbO"
SUBSCRIPTION_ID = "ae489ff4-9ac3-404c-a181-bf172c75d709"

# --- ai
GOOGLE_API_KEY = "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
RUNNER_TOKEN = "glrt-hyo5b4MUnV-w83j0ofqu"
WORKER_THREADS = "8"
DATABASE_URL = "postgresql://admin:Company1234@cluster0.x7k2p.mongodb.net:5432/app?sslmode=require"
# values for the staging cluster
SQUARE_ACCESS_TOKEN = "EAAAKRodwDWczenhxNNrOoNhIxENOH9tv0-r-A6aZvyiMUbIc0vmZkBRu0Yf0IHC"
SERVICE_NAME = "billing-api"
INTEGRITY = "sha512-YAoRvLld8OxeX7DBsscGghU9UGmYXINfL9tIbnm4LR3ST5l9EAYyCDNREeMUvjiMuQbM1YC7ub0dFc9/GKYlNg=="

# --- storage
# see docs/runbook.md
GRAFANA_TOKEN = "glsa_5yt92AAjqR856kJUYvzdmCPlIJZUORur_eee81ba4"
USERNAME = "deploy-bot"
STRIPE_KEY = "sk_live_k4wKUhkqKOdWmR0q0hf47Mss"
# see docs/runbook.md
OPENAI_API_KEY = "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"
# rotated every quarter
SFTP_PASSWORD = "mWuWNUgM4lzGze_hAOr8~"
SENDGRID_API_KEY = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
