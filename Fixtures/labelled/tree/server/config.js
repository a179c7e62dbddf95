export const config = {
  database: {
    serviceName: "billing-api",
    passwordResetPath: "/account/password/reset",
    registry: "https://registry.npmjs.org/",
    githubToken: "ghp_o8rzwswwMi4Xg4fjYnU9OAm8W2AYZkoO4sAn",
    metricsPath: "/metrics",
    logLevel: "info",
    awsAccessKeyId: "AKIAI44QH8DHBEXAMPLE",
    awsSecretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    stripeRestrictedKey: "rk_live_anpaUXKCiThYrsHfcnPFqcsP",
    jdbcUrl: "jdbc:mysql://db.internal:3306/billing?user=billing&password=4m5twJoVgW.LBe1bYPjCsd31gyA&useSSL=true",
    dbName: "orders",
    newRelicApiKey: "NRAK-VNFMI9OQ3THMDQEMDS7QUKUALH5",
  },
  mail: {
    stripePublishableKey: "pk_live_IkBKc0uBMiNvVb27ZXntLDj7",
    postmanApiKey: "PMAK-2c788202a326b6699547fe11-37c0419b4f7b1d9c330485711bc1dd6310",
    clientSecret: "lsQcsiGQVsXzgdeckfwcrbDo1UMaRGiw_7LM-L6S0ZFyXYc3",
    // rotated every quarter
    redisUrl: "redis://:wkDCWb8r8qxz2sjf@db.internal:6379/0",
    host: "0.0.0.0",
    cacheKey: "a2a0e90f6fe18bc4a58cbf289a6fd47f2fe50746",
    // keep in sync with charts/api/values.yaml
    apiToken: "{{ vault_db_password }}",
    username: "deploy-bot",
    linearApiKey: "lin_api_sqCqBjtGWgBClZ5o0K1HdnDxIxiuvUL3K4Fo8D9s",
  },
};
