import Testing
@testable import HushScan

@Suite struct GenericSecretKeyNameTests {
    static let secretKeys: [(String, SecretKeyKind)] = [
        ("password", .password), ("PASSWORD", .password), ("db_password", .password), ("DB_PASSWORD", .password),
        ("dbPassword", .password), ("MYSQL_ROOT_PASSWORD", .password), ("PGPASSWORD", .password),
        ("passwd", .password), ("pwd", .password), ("db_pass", .password), ("pass", .password),
        ("passphrase", .password), ("spring.datasource.password", .password), ("password2", .password),
        ("PASSWORD_PROD", .password), ("confirm_password", .password), ("smtpPassword", .password),
        ("secret", .secret), ("client_secret", .secret), ("clientSecret", .secret), ("JWT_SECRET", .secret),
        ("SECRET_KEY", .secret), ("secret_key_base", .secret), ("DJANGO_SECRET_KEY", .secret),
        ("webhook_secret", .secret), ("appsecret", .secret),
        ("token", .token), ("GITHUB_TOKEN", .token), ("access_token", .token), ("refresh_token", .token),
        ("authToken", .token), ("auth_token", .token), ("bearer_token", .token), ("id_token", .token),
        ("aws_session_token", .token), ("npmToken", .token), ("slack-token", .token),
        ("api_key", .apiKey), ("apiKey", .apiKey), ("API_KEY", .apiKey), ("api-key", .apiKey),
        ("apikey", .apiKey), ("x-api-key", .apiKey), ("X-Api-Key", .apiKey), ("getAPIKey", .apiKey),
        ("access_key", .accessKey), ("aws_secret_access_key", .accessKey), ("AccountKey", .key),
        ("private_key", .privateKey), ("privateKey", .privateKey), ("signing_key", .key),
        ("encryption_key", .key), ("master_key", .key), ("session_key", .key),
        ("credentials", .credential), ("credential", .credential), ("creds", .credential),
        ("auth", .auth), ("Authorization", .auth), ("basic_auth", .auth), ("proxy-authorization", .auth),
    ]

    @Test(arguments: secretKeys)
    func namesASecret(_ key: String, _ kind: SecretKeyKind) {
        #expect(SecretKeyName.classify(key) == kind)
    }

    /// Words that contain a secret word, or name something about a secret rather than the secret.
    static let notSecretKeys = [
        "tokenizer", "Tokenizer", "passthrough", "pass_through", "author", "authors", "secretary",
        "password_hint", "passwordHint", "token_type", "tokenType", "auth_url", "authUrl", "password_length",
        "max_tokens", "maxTokens", "max_token", "csrf_token", "csrftoken", "xsrfToken", "next_token",
        "nextPageToken", "page_token", "CancellationToken", "cancellationToken", "pad_token", "eos_token",
        "unk_token", "token_count", "token_url", "tokenUrl", "token_endpoint", "secretName", "secret_name",
        "secretRef", "secret_key_ref", "secretKeyRef", "secret_arn", "secret_id", "access_key_id",
        "aws_access_key_id", "key", "public_key", "publicKey", "primary_key", "foreign_key", "sort_key",
        "cache_key", "password_file", "PASSWORD_FILE", "token_path", "keyfile", "key_name", "api_key_header",
        "password_policy", "passwordRegex", "hashed_password", "hashedPassword", "encrypted_password",
        "show_password", "forgot_password", "is_secret", "has_token", "use_auth", "oauth", "oauth_provider",
        "auth_type", "auth_method", "authorization_endpoint", "bypass", "compass", "monkey", "turkey",
        "keyboard", "hotkey", "passenger", "passport", "keys", "tokens", "secrets", "passwords_enabled",
        "token_expiry", "password_reset_url", "", String(repeating: "password", count: 20),
    ]

    @Test(arguments: notSecretKeys)
    func doesNotNameASecret(_ key: String) {
        #expect(SecretKeyName.classify(key) == nil)
    }

    @Test func passwordLikeKeysAreOnlyPasswords() {
        #expect(SecretKeyName.isPasswordLike("DB_PASSWORD"))
        #expect(SecretKeyName.isPasswordLike("passphrase"))
        #expect(!SecretKeyName.isPasswordLike("api_key"))
        #expect(!SecretKeyName.isPasswordLike("password_hint"))
    }

    @Test func wordsSplitAtEveryNamingConvention() {
        #expect(WordShape.lowercasedWords("APIKey") == ["api", "key"])
        #expect(WordShape.lowercasedWords("db_password2") == ["db", "password", "2"])
        #expect(WordShape.lowercasedWords("x-api-key") == ["x", "api", "key"])
        #expect(WordShape.lowercasedWords("spring.datasource.password") == ["spring", "datasource", "password"])
        #expect(WordShape.lowercasedWords("userPasswordHash") == ["user", "password", "hash"])
    }
}
