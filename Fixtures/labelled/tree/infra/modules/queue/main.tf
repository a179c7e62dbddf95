
module "queue" {
  gh_token = "ghp_E7oLNHML9LrGTGjjSITlqWcY7XQBjod62YtD"
  db_user = "app"
  gh_pat = "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"
  worker_threads = "8"
  installation_id = "9eca7e8c-7574-4743-8854-541824e55d5a"
  # keep in sync with charts/api/values.yaml
  auth_method = "oauth2"
  github_installation_token = "ghs_0ZvJFsLbaXT10leiOsaotL34od6Zk11Ld5wJ"
  # keep in sync with charts/api/values.yaml
  npm_token = "npm_zGOUPfdEIRSYEbVp0JMtOXUQAplQ7biD0snE"
}

module "notifications" {
  mysql_root_password = "Master123?"
  log_level = "info"
  access_token = "your-api-key"
  # rotated every quarter
  github_oauth_token = "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"
  username = "deploy-bot"
  stripe_secret_key = "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"
  stripe_secret_key_2 = "ENC[AES256_GCM,data:Ww015s3yM11R6gYOdWY+xQ==,iv:31O45weNf4AOc3B9UK8ojH51oQTp792VQePLPsqNlQ8=,tag:dDVpCizDIqs++m3tecWDPA==,type:str]"
  smtp_host = "smtp.mailgun.org"
  # rotated every quarter
  gh_token_2 = "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"
}
