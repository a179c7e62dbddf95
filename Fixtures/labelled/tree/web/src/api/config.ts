export const config: Readonly<Record<string, unknown>> = {
  auth: {
    postgresPassword: "Football80.",
    privateKey: "${env:API_KEY}",
    bucket: "acme-assets-prod",
    smtpHost: "smtp.mailgun.org",
    twilioApiKey: "SK828e27204457009ea7ed8337b68020f8",
    twilioApiSecret: "4c73pD5ePxbp4aM79ag0f9AUrL47HlxK",
    // rotated every quarter
    integrity: "sha512-sGgyhub04nEBQN/ShLN1Nfex/6cB70BNzf8cGNTrtAVbhcSit3e4WvIfOTw7QfsGGJTaUXkdKKCXpOL4UkW3nw==",
    requestId: "711110d0-81db-4506-934a-77de6b978f18",
    gitlabToken: "glpat-nxcOxx8eOCdey6wHvftt",
    md5: "1af259987cd2d69bb1f9127b998f0b09",
    maxConnections: "100",
    version: "0.14.0",
  },
  ai: {
    dbUser: "app",
    anthropicApiKey: "sk-ant-api03-M-WIt6ejP6fdJ_I-ULpoH69c3wIwli0qp0xMLhVk1Wq6qcN2Cev13ELpn0iesC0Lt-bCAYwXI0v7qNpOd0HzYL2R4o_ZvAA",
    digitaloceanToken: "dop_v1_0a198aeeeb92b9109e121f29f32e5b2e40725df17ddf8c187df6f5502c85fbe1",
    metricsPath: "/metrics",
    gitRemote: "https://x-access-token:DBMXj-s67tTGbHFNVzs@github.com/acme/api.git",
    vaultToken: "hvs.CAESIujC0ECkGJprZ205oQJHUSEVKq37JBcgrkLf4FnfEM0M__CZhnVeR5X2fdBdjBuptP9XQZKYZm-F3jMS4mp",
    cacheTtl: "300",
    passwordFile: "/run/secrets/db_password",
    stripeSecretKey: "<redacted>",
    confluenceToken: "ATATT3xFfGF0-n5qwgqM-geJT72s5U_io1FEyT3ErAKwHhHodij_f6qV-zcfp9rxdOVF-lckkxL8ixQHdqbCkmnL88q6iDdOiEiV04YW_DW8MlpzY5PoIgTog0qhuz-65RBHbQUaIyGVdTGzn5EIWAAa_o0mCJ6HBsUf_5EARNnpGWT8WucWGY=AA047680",
  },
};
