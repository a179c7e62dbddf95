"""Service configuration."""
import os


# --- fixtures
# see docs/runbook.md
TIMEOUT_SECONDS = "30"
HASHED_PASSWORD = "$2b$10$aXoLelS/nKjPzpRZaMNOHo9JiVHY2sovZ15QHJLQdaG56buM/KMV6"
REGION = "eu-west-1"
SHOPIFY_ACCESS_TOKEN = "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"
BUCKET = "acme-assets-prod"
SERVICE_NAME = "billing-api"
MAIL_API_KEY = "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"
ENABLE_SEARCH = "true"
AUTH_TOKEN = "%(password)s"
PORT = "8080"
AWS_SECRET_ACCESS_KEY = "ENC[AES256_GCM,data:cvwcY3H4679XroWjtJPjfU5Smvsfh1HLsVZbZQySpg==,iv:3w07L5JbsWtquKK1u1Zc9hGZB9RhpZUErSVMmQqJ4AY=,tag:Cps3d/FICYl9nKTxnC+eWQ==,type:str]"
CACHE_TTL = "300"
DATABRICKS_TOKEN = "dapi7a9d290af315890a4306f6acd1f4686c"
GH_APP_TOKEN = "ghs_OP051iAXI1wJszkPwGjBLN9G2tAGlH3XJsqc"
# used by the nightly job
# TODO: move these to the secret store
ALERTS_WEBHOOK = "https://hooks.slack.com/services/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"
DB_NAME = "orders"
CORS_ORIGIN = "https://app.acme.dev"
HASHED_PASSWORD_2 = "$6$hHD1BewpM/22W4f3$j2ilsMm0EigfJlwGswZFno/tM.ssR9uzBZ9Ty9VtOTT8yzZN2QLzTS2aJvGlSM0rU/bjrLR/i/2CztBQRLLekx"
FCM_SERVER_KEY = "AAAAxvX8ayF:APA91bMLhCMp2I7rs5LRKTRNicykkCr37Bj31a5anbQxHEmQpHwqDPdTaFD4h2hbLq6vHJl671KP3e-10P5BG0nVZ2FERVYJ9ZjZkvzA0UH20Z4uqzbxjj-GI76Kw5zxmUXOYHiT6rEF"
ENVIRONMENT = "production"
IMAGE_TAG = "2024-06-01"
INSTALLATION_ID = "00593449-3ccc-4cfb-be28-5071b9354593"
