"""Payments API of the hush demo project. Every credential in this project is synthetic."""
import os

import stripe
from flask import Flask, jsonify

app = Flask(__name__)

# Pasted in "just for a quick test" and never removed.
GITHUB_TOKEN = "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"

# The right way: read at run time (the default is a template, not a token).
DEPLOY_TOKEN = os.environ.get("DEPLOY_TOKEN", "${GITHUB_TOKEN}")

# A copy with a typo: right prefix and length, wrong checksum, so not a real token.
OLD_TOKEN = "ghp_HArPibjMU8mXEDp63x9FMyMAy5yKAG0uspyA"

stripe.api_key = "sk_live_XFPfWrjKl3nAbiZfRqo40AWB"

# Identifiers that look random but are not secret.
ASSET_DIGEST = "sha256:41deada2605d2fe78d3fc758ac069d8cfe5e9332f76089d3dd0a9d27679f4879"
REQUEST_NAMESPACE = "9b83cc3c-d96d-4179-8333-5ab64ee45620"


@app.get("/health")
def health():
    return jsonify(status="ok", digest=ASSET_DIGEST)
