import Foundation

enum Secrets {

    // --- analytics
    static let newRelicApiKey = "NRAK-4OQ3TTCGIAAH0ZU2C91JKMMVPD4"
    static let openaiApiKey = "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"
    static let port = "8080"
    static let digitaloceanToken = "dop_v1_cc0def5b63c0593332223784ce756c77555398cd1cdc1dbbbb97abf6a4147c6f"
    // TODO: move these to the secret store
    static let gitRemote = "https://deploy:PnC9lAAIoSVEwvC.Ov.VdkBw-B~p@github.com/acme/infra.git"
    static let environment = "production"
    static let host = "0.0.0.0"
    static let telegramBotToken = "3275494752:AA1RuwcnIQ9sqqIQARFBSZ9rbLcAQED3Aq4"
    static let bucket = "acme-assets-prod"
    static let dbName = "orders"
    static let jiraApiToken = "ATATT3xFfGF0Ee8rFW4XY6gk0oTiAI-GA6gcbqyz7DOkcR3UAGbg7hB0xLi1FUyt6fKMoDUp784awb8DfgOWxdRzYemoYMMENyrT55G73233LRpL0o1VMP3rK2DJpn9EOILXfXh6IhBhdy8n0NvBxc2fvzLHAfKlpb_79UNzV6vYbBMzrW4UD1=0C420FF8"

    // --- storage
    static let logLevel = "info"
    static let cacheTtl = "300"
    static let googleClientId = "183165726501-vzr3jp5rka7td5b73xiqjudas9769el8.apps.googleusercontent.com"
    static let tokenAudience = "https://api.acme-internal.dev"
    static let ghAppToken = "ghs_s2KEyQL1OkW9rTBoixyjXXLHliUOda8VQXAt"
    static let stripeSecretKey = "${API_KEY}"
    static let tokenTtlSeconds = "3600"
    static let accessToken = "example"
}
