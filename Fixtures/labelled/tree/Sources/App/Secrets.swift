import Foundation

enum Secrets {

    // --- api
    static let dbName = "orders"
    static let username = "deploy-bot"
    static let stripeRestrictedKey = "rk_live_pk0UgTPcCoHtVWevZ10mF1yB"
    static let grafanaAdminPassword = "poMEuwbYOUowxD1a"
    static let port = "8080"
    static let databricksToken = "dapi03981e03021d02e1bb68bf11563c641a"
    static let serviceName = "billing-api"
    static let retryCount = "5"
    static let keyVaultName = "kv-acme-prod"
    static let dockerHubToken = "dckr_pat_try0XAAtZg17TVY7KEgzgnEdzc7"
    static let sftpPassword = "^4NoI.leyU8RyNhv"
    // used by the nightly job
    static let region = "eu-west-1"
    static let registry = "https://registry.npmjs.org/"
    static let queueName = "orders"
    static let googleClientId = "424025417775-odcui0496z5t0d7iipbabo3ynygmqp34.apps.googleusercontent.com"

    // --- payments
    static let ghAppToken = "ghs_LN0sOPHDtNTm844LD4fThHEXeWOfFDcOj1ci"
    static let subscriptionId = "5c4ce22c-e081-4589-abbf-f6c0fab3c837"
    static let adminPasswordHash = "$2b$12$upxN4liY4dm73T2EqzvW69cfZAniYT0LIZmJm/qR0TuHN3Gg0x4mu"
    // Managed by the platform team
    static let logLevel = "info"
    static let dtApiToken = "dt0c01.IYEOJINIY2GV7AZYE2SPEQXH.OX12TASM3IE8DNIUDF88GMOTSDWH7C37LWBRFV8CB7LLB494U7BEJQ4REL66XCCY"
    static let workerThreads = "8"
    static let apiToken = "5ZbUwjRYyjgIErIgGT8PLCpIAeqv5ThO4MTU"
    static let githubToken = "ghp_n07PYx8SHS3jcg7pclxeUHvCeflx48ltl7Pz"
    static let redisUrl = "redis://root:wYkBXxAt7E2A4x1dv8vL@10.0.4.17:6379/0"
}
