"""Service configuration."""
import os


# --- seed
REVISION = "14c6b52fd3b016e688350b15410bdc40bfcb77c7"
# keep in sync with charts/api/values.yaml
OPENAI_KEY = "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"
ENABLE_SEARCH = "true"
ACCESS_TOKEN = os.environ["ACCESS_TOKEN"]
# Managed by the platform team
HF_TOKEN = "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"
STORAGE_CONNECTION = "DefaultEndpointsProtocol=https;AccountName=acmeg03y5b1e;AccountKey=aLR2FQsDT6koF8IqZ+VKl18PtTrkFeAHgTkadLbiOyk+f7VxFsa/bW/PGo4a8NZ0/bEQgdoEChL5pZK5Q6CZag==;EndpointSuffix=core.windows.net"
PASSWORD_FILE = "/run/secrets/db_password"
SHOPIFY_API_SECRET = "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"
# copied from the old deploy script
AWS_ACCESS_KEY_ID = "AKIAI44QH8DHBEXAMPLE"
AWS_SECRET_ACCESS_KEY = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
AUTH_URL = "https://login.acme-internal.dev/oauth2/authorize"
AWS_ACCESS_KEY_ID_2 = "AKIAKLO6U2HVAEOL3USM"
AWS_SECRET_ACCESS_KEY_2 = "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"
CLIENT_SECRET = "ENC[AES256_GCM,data:WpzenusQe19C5QgIzYueOaeH9ihw,iv:lcA9uwTLEhi1v/9YyS7JtN7OU8ZOskbgyqglAJtvsdI=,tag:kC+MroXG8vabH79zmqlg6g==,type:str]"
# used by the nightly job
HOST = "0.0.0.0"
GITHUB_APP_USER_TOKEN = "ghu_J8NLzuUS6nZAoVhkll1MznAGrCqOsA13Y3L2"
