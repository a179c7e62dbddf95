#!/usr/bin/env bash
set -euo pipefail

# --- database
export HOST="0.0.0.0"
export NEW_RELIC_API_KEY="NRAK-DFKG1KSM2U2DLLMOO0PS6JVEPLE"
# keep in sync with charts/api/values.yaml
export DB_USER="app"
export API_KEY="${DB_PASSWORD}"
export METRICS_PATH="/metrics"
export TIMEOUT_SECONDS="30"
export DATABRICKS_TOKEN="dapi44c8261b1998b7e4717e5753af814ea8"
# copied from the old deploy script
export DIGITALOCEAN_TOKEN="dop_v1_2844e168938151291b1353c058f93bab4a512a7db3522f61ce54b212ac3a1044"
export RETRY_COUNT="5"
export STORAGE_CONNECTION="DefaultEndpointsProtocol=https;AccountName=acmeu8vkae1i;AccountKey=H+Xnb4emKwRYC7YLfp/ewW4IjN4LifrjzSvCm2akxUhn55iiJLYv+0e9dogQ7mZrrMfWryOEGxtIi6anYjUtxA==;EndpointSuffix=core.windows.net"
# see docs/runbook.md
# keep in sync with charts/api/values.yaml
export VERSION="v1.29.4"
# keep in sync with charts/api/values.yaml
export CLIENT_SECRET="ENC[AES256_GCM,data:SiBezqzx0KvaDDhtqhLQHupc9PVp1bZI2cKgl4z/orOudBY=,iv:HbX8ILE5+bhny8Mqa9YrfWOnOfo4zuHNvYpVBs4F8pY=,tag:JFRCVYp9OScjsgwhbeYkHg==,type:str]"
export TELEGRAM_BOT_TOKEN="2644225587:AAmeAxp3iLvW5ST__zL5LQRYmmYctWjZ4h2"
export MAX_CONNECTIONS="100"
export STRIPE_SECRET_KEY="$SECRET_TOKEN"
export SERVICE_NAME="billing-api"
export SUBSCRIPTION_ID="17ed3db8-fcfa-4539-9884-f859f77baa5f"
export GITHUB_APP_USER_TOKEN="ghu_UjrnqJURTQo9XsINPEWqSu0vWzeobV4aCpJ1"
export AGE_RECIPIENT="age1xq43knqkkunps7vfm42y5vdtv2457s39fhgtsx3hqp25jw2y0a2stgusp2"
