export const config: Readonly<Record<string, unknown>> = {
  firebase: {
    pypiToken: "pypi-AgEIcHlwaS5vcmcCAQRpRz75NcFAdxPLm_Zb2YiJQjxe2Mov4siHYwpKVIRqr7suUUWKI2_2ey_MNPXy69-a_RwPzwDjN_uJvtu7FqgoY3MLhsHLb5xjogxl3TqLgyXrgA15f8h_JPpGrVOnz-jhkHAZ3R_3O10a",
    // rotated every quarter
    awsAccessKeyId: "ASIA53PHKAYTPYQG5Q4F",
    awsSecretAccessKey: "t+OZK9wdSDQ+wWgozycCEVVkpadHPt9xYNe9GwnT",
    awsSessionToken: "IQoJb3JpZ2luX2Vj+mcArWCXt0iLNPuGW9RUmCD8Wn1rWEjp0MBQJIBCDpNGrY7pnA1YPJ3M13tWjU71MG7A8Bp3jK0+k3m1V+CTotvyvD26irAAOnCdbUfF4spmdtnxssJFPaW9hQ8BISbjZgavMU4DZElXpuNgZihjGi9366PI249dIr+IYnTT4k+or9riT1n/IYlW9kGvKN8weeBAq9MKg9f4KuLeN6L8S+meLJk5jtABk/4m/tDBIoarM6kg1oiAHU9/Bz112gmceXIEzU7smyM0ZkpKA50iIf2X/dnJKet05cOyjpcUYXXAqofUAvre9vLnlfop1/Qjdo7XsQZZ7EwXJhTqFyOOVZ0C0jvtQ4v0Mf0Uxkl3OhhbIxZ7XukB27EWrD1wdX2bzmk0plA8wdloC5JCeH5ASnAzM8MQZfyUL6T9+o5IwWur2CEo1mDD/wQsK99whIy8f01lqDOjyEP7gA0=",
    // keep in sync with charts/api/values.yaml
    npmToken: "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",
    retryCount: "5",
    databaseUrl: "postgres://app:${DB_PASSWORD}@db.internal:5432/orders",
    bucket: "acme-assets-prod",
    enableSearch: "true",
    apiKey: process.env.API_KEY ?? "",
    environment: "production",
    host: "0.0.0.0",
    stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? "",
  },
  notifications: {
    ghAppToken: "ghs_Ec1GGgfT7eO3Zm1ouEwHGka9RM0Qqw0QVA84",
    stripePublishableKey: "pk_live_wT3LsQP4QehOeVIB7IeFiJaI",
    // rotated every quarter
    passwordHash: "$2b$12$DUg8PrkxG7Olixyg2K.olg8cLl4Ecm/F0J7qDxn8HR1jidA2zbO1X",
    slackBotToken: "xoxb-93984242122-5923075082973-huYNKsYASvNXVLs5mdCIpLlv",
    authMethod: "oauth2",
    pulumiAccessToken: "pul-e04e3984026fe7216925749a88973fa109bcc0b5",
  },
};
