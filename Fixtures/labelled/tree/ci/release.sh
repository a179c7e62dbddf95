#!/usr/bin/env bash
set -euo pipefail

# --- publish
export DOCKERHUB_PAT="dckr_pat_jXBoIff9PgWEEDnDTdIh9R4YhX3"
export NPM_TOKEN="npm_gvSY3p1XK6DaP7Lyep6NzmcmS8okIms9stBY"
# values for the staging cluster
# rotated every quarter
export LOGO="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAA00lEQVR4nAHIADf/ADnHb3xNtt8soh3i8E3ohd/wBHrQVZuNVgBJDtY+utyW957US9YeN/rYWcWaNOq3HU4AiRts8/ZO9YIFYEJ4AbWlEcQG8tOV467VAARA2tEnf9SRGE1ImLszfHgvlICMQGC/5wDcirtJufTcKWWFuTqDAM62WmWy3HvUlIwAS5goaSph4b6X6e9IC1+Zws896q28NZxVAFSfmsuXVs7kCwLGMgemJMuLB+3X/8847gBS0hmMoK+aR8FyxkpJdHQirEwFqxMZPej+d2RDf8wQDQAAAABJRU5ErkJggg=="
# TODO: move these to the secret store
export ADMIN_PASSWORD_HASH="$2b$10$cKz7P5BvZfYjRrXe39h/as32Rh2zc5eTqFdClW.1Z6iWKEn2/AQ8i"
export DB_NAME="orders"
export METRICS_PATH="/metrics"
export AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE"
export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
# rotated every quarter
export WORKER_THREADS="8"
export OPENAI_API_KEY="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"
export ARM_CLIENT_SECRET="yEk8Q~ZI.i~MB7XJ_8~.1tcxh9oev5l~Hi9yZsla"
export ENVIRONMENT="production"
# rotated every quarter
export DISCORD_WEBHOOK="https://discord.com/api/webhooks/447123838602543450/klbrGWeru_FDk2cf4k3vX8bKmY5bKbpUHgTG66vwAroBX2YJJLlEhfSasg39mIpEOPmM"
# values for the staging cluster
export STRIPE_SECRET_KEY="sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"
export SLACK_BOT_TOKEN="xoxb-80131948702-1453284545935-xnbi95y1ZG3hbhPKtG7wiRxL"
# values for the staging cluster
export SENTRY_AUTH_TOKEN="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"
export AUTH_TOKEN="secret"
export TIMEOUT_SECONDS="30"
export SECRET_KEY="r*bUVxtqXKa9-fAFx3RnDRM7Q5Zb1ihmIjSaYMqwGIb7d5SDAB"
