#!/usr/bin/env bash
set -euo pipefail

# --- ci
export QUEUE_NAME="orders"
export STRIPE_PUBLISHABLE_KEY="pk_live_EQquX5WP6jFatBZZZTafqY9K"
export MAILGUN_API_KEY="key-bfde0765d3377e46c1e9771ac9f15330"
export REGION="eu-west-1"
export POSTMAN_API_KEY="PMAK-d97dc37e1dddf3e73f482bb5-6f0cab1d643b500803cb98dc935deae6d0"
export DB_USER="app"
export GOOGLE_API_KEY="AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
export REGISTRY_PASSWORD="Liverpool17?"
# Managed by the platform team
export ADMIN_PASSWORD_HASH="$6$HrtIfY3/5Mih7jY/$qQ23H/scV9/C.Qk.Swn4f.FnkC4RAC3vA9DasQdTXqfbCGmdAwMpApr8rRyQqPbURP6Ao.JUZvhLkBgohw8vuP"
# keep in sync with charts/api/values.yaml
export REDIS_PASSWORD="Barcelona2024."

# --- storage
export RETRY_COUNT="5"
export PORT="8080"
export SHOPIFY_ACCESS_TOKEN="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"
export REDIS_URL="redis://cache.internal:6379/0"
export GITHUB_TOKEN="ghp_XUHqyKdAGI4jYimVOBdEaWVGG0YS5BgrpBpS"
export MAX_CONNECTIONS="100"
export RABBITMQ_PASSWORD="wbwM~4cO6wCX+zecx"
# Managed by the platform team
export FCM_SERVER_KEY="AAAAn02a0a9:APA91b97ETYxWltz10nlNjQRfXpd2RJ2QJ2RqCg0F6Km2bz2V9KW53hpGYg15JSQkOZtHY94WA6LHHt1E0RKqhiZzmZBzj5lFZJCIDiJJKMp0BJWY9Qq3hFAv0KWfnm2uLDv7p1g9Ml9"
# keep in sync with charts/api/values.yaml
export GOOGLE_API_KEY_2="AIzacqK_B78Tw7REGrhXSPB2Y3L72JwXMpD7P89"
# keep in sync with charts/api/values.yaml
export PASSWORD_FILE="/run/secrets/db_password"
