package com.acme.config;

public final class Settings {
    private Settings() {}

    // --- database
    public static final String LOG_LEVEL = "info";
    public static final String CLIENT_SECRET = "ENC[AES256_GCM,data:hODMNgrzNQ2t8OQoDg==,iv:ZlUh/obi3ZDiNUECno5kFQZvJG5/3bvEFBs7fYfa7V0=,tag:GpHk6ZQApDe+Q2fpTw3sOg==,type:str]";
    public static final String CORS_ORIGIN = "https://app.acme.dev";
    public static final String USERNAME = "deploy-bot";
    public static final String ETAG = "f954ca6b7b2780ca8872c8b1a6b2801a";
    public static final String DB_NAME = "orders";
    public static final String ANTHROPIC_API_KEY = "sk-ant-api03-RoeZxb5EoyW00oR__6AKwOwGnfnNi92_p6M6NWnxVHBh_3wQn5O3joP_MW7DlAqZb_P_KIJsoEkdqnJ2BwbVMFli8fhpaAA";
    public static final String PORT = "8080";
    public static final String ENVIRONMENT = "production";
    public static final String SLACK_TOKEN = "xoxb-86726268172-6755281337336-RyB7OSAG4QFNrIBpOVZmIWhU";
    public static final String QUEUE_NAME = "orders";
    public static final String AWS_ACCESS_KEY_ID = "AKIAI44QH8DHBEXAMPLE";
    public static final String AWS_SECRET_ACCESS_KEY = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    public static final String WORKER_THREADS = "8";
    public static final String SECRET_KEY = "CHANGE_ME_BEFORE_DEPLOY";
    public static final String HOST = "0.0.0.0";
    public static final String MAX_CONNECTIONS = "100";
    public static final String AZURE_CLIENT_SECRET = "yHC4Q~pIQLldkR1Km6e-~ya71D2vzT7D1Ti-7iZ5";
    public static final String SQUARE_ACCESS_TOKEN = "EAAAeoCS1yGz6GHzCBJodQxZRQ9HaOC_Xa91rJU7dnU9jpIAnNpi1qglHfrqpZgD";

    // --- payments
    public static final String TLS_KEY_FILE = "/etc/ssl/private/server.key";
    public static final String DATABASE_URL = "postgres://svc_orders:ShRyI8xEkny.lRqfGif.f7@db.internal:5432/orders";
    public static final String AWS_SECRET_ACCESS_KEY_2 = System.getenv("AWS_SECRET_ACCESS_KEY");
    public static final String CHART_VERSION = "0.14.0";
    public static final String GOOGLE_API_KEY = "AIzaG3rRwFi8UTWN4oY2GGfZOVIuIuqnu2Y_KeD";
    public static final String GRAFANA_TOKEN = "glsa_i0QIfhJiIMlcDgthwWltus984v2pv9Ry_46362e49";
    public static final String NODE_AUTH_TOKEN = "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";
}
