
provider "aws" {
  vault_token = "hvs.O5koUKrKZIEnw6ldojftyTNz"
  md5 = "509f4d33da830844b07a71cb8e555fd0"
  slack_webhook_url = "https://hooks.slack.com/services/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"
  google_client_id = "871853689693-mt1lmq7f1b7enmd1hr5je3wrorqe8qs1.apps.googleusercontent.com"
  db_user = "app"
  # copied from the old deploy script
  sendgrid_api_key = "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"
}

resource "aws_db_instance" "main" {
  hashed_password = "$6$0bHCu6BW/znHBtWJ$5EwpFI9xMVQXbR6Dn.qjbfRov9.JwO7OmHwFnG.xzLW.Q/RqaXwgNXmdClBEs9xvbL.SDVoTTyhdjZ5SGBWi/H"
  tls_key = <<-EOT
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHCX+GdpxS0osVMmRXok+YsjeAI1eLqgpTHrW8lvAJEgoAoGCCqGSM49
AwEHoUQDQgAEAkzGSCx5dKpRG2Q2xRx2QsgsGS0QL1XTUFNgbn3/Zdq8Hnwsil9M
rVFgPLfVP0izaYzTA7BgoKL3Ddt4O3Lm7w==
-----END EC PRIVATE KEY-----
  EOT
  # see docs/runbook.md
  azure_storage_connection_string = "DefaultEndpointsProtocol=https;AccountName=acmec049t9nw;AccountKey=PCDKlzkRZtuNAImYuPZwqx5hEf7rmKqs9IrswfiPM4Q0bKbKmatDyroh9nT4gmXvAEus0KFcKMBcDB9asFGKRQ==;EndpointSuffix=core.windows.net"
  shopify_access_token = "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"
  max_connections = "100"
  environment = "production"
  npm_token = "npm_000000000000000000000000000000000000"
}

resource "aws_elasticache_user" "app" {
  host = "0.0.0.0"
  database_url = "postgres://db.internal:5432/orders"
  aws_access_key_id = "AKIADIHVLEQEPDE4L6SW"
  aws_secret_access_key = "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"
  password_file = "/run/secrets/db_password"
  db_password = var.db_password
  metrics_path = "/metrics"
  # see docs/runbook.md
  postman_api_key = "PMAK-181d4d7cc81914bd428eb6c1-d6ce8ce3d46e3f2c1a6805304960e6e497"
}
