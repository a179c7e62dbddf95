package com.acme.config;

public final class CloudSettings {
    private CloudSettings() {}

    // --- storage
    public static final String TFE_TOKEN = "hUiBt4OCFWpNvY.atlasv1.7JSZt9W4cheyuOGTWeGnXhXvlNa6UoSoEMlTSxPTVjlCOl7QuUFJ5qgZziXZ8TmLqhz";
    public static final String DISCORD_WEBHOOK = "https://discord.com/api/webhooks/918014239940636983/YZtNsfSiKXXjj96_cSIt8swjaRzg8ZETRkJGT2_Z3Azj4xEp53yxLt958y5QSBjlOyfQ";
    public static final String STRIPE_SECRET_KEY = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";
    public static final String ENABLE_SEARCH = "true";
    public static final String RABBITMQ_URL = "amqps://app:Z_YCAxLS8WNmVhCU6GdtiGeh-@cluster0.x7k2p.mongodb.net:5671/";
    public static final String GIT_SHA = "97f228ccd32c26b4ae419fdbec83db47ec318fb9";
    public static final String ENVIRONMENT = "production";
    public static final String LINEAR_API_KEY = "lin_api_LkOwrxexsAPDydvVhrQl6msCXSfhcKiWdPI7GyfH";
    // TODO: move these to the secret store
    public static final String SENTRY_AUTH_TOKEN = "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";

    // --- messaging
    public static final String PASSWORD_POLICY = "min=12,upper,digit";
    public static final String AUTH_TOKEN = System.getenv("AUTH_TOKEN");
    public static final String SLACK_BOT_TOKEN = "xoxb-your-slack-bot-token";
    // rotated every quarter
    public static final String HUGGINGFACE_TOKEN = "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";
    public static final String HASHED_PASSWORD = "$argon2id$v=19$m=65536,t=3,p=4$9PInw/cEoaK6rJCcMLjteA$k/K1ybVK1ldt6deEieaNd1nk2EHmaAROxWgrZ8lrQJU";
    // TODO: move these to the secret store
    public static final String ACCESS_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxODA2MDI4IiwibmFtZSI6ImFkbWluIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtaW50ZXJuYWwuZGV2IiwiaWF0IjoxNzE3ODY2NDE5LCJleHAiOjE3MjA0NTg0MTksInNjb3BlIjoicmVhZCB3cml0ZSJ9.TGIQ2y05X0ISHkZeGZLBGKj4jE-7MtUV921JQTzg2zA";
}
