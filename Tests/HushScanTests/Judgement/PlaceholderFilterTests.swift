import Testing
@testable import HushScan

@Suite struct PlaceholderFilterTests {
    @Test(arguments: [
        "${GITHUB_TOKEN}", "prefix-${TOKEN}", "$API_KEY", "$api_key", "$(vault read -field=token x)",
        "{{ .Values.apiKey }}", "{{secret}}", "{{", "${UNCLOSED", "<your-token>", "<API_KEY>", "%(password)s",
        "changeme", "CHANGEME", "change_me_now", "xxxx", "****", "########", "sk_live_xxxxxxxxxxxxxxxx",
        "my-example-token", "EXAMPLE_SECRET_KEY", "exampleKey123", "dummy", "dummy_password", "dummyKey",
        "fakeToken", "FAKE-API-KEY", "fake", "sample_key_1", "samples", "placeholder", "<redacted>", "REDACTED",
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE", "",
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "your-api-key", "your_token_here", "YOUR_SECRET", "yourApiKey", "Your.Password",
    ])
    func recognisesStandIns(value: String) {
        #expect(PlaceholderFilter.isPlaceholder(value))
    }

    @Test(arguments: [
        "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",
        "k9TestZq3LmN8vR2wX7yB4cD6eF1gH5jK0pQ",  // contains "Test": not a placeholder word
        "testing_h7Gk2LmQ9zXv4RtY8wPc",
        "Resampled2023!",  // "sample" inside a word
        "xfakedq9ZmT4v",  // "fake" inside a word
        "$ecretPass1",  // a password starting with '$', mixed case: not a variable
        "a1b2c3d4e5f6a7b8c9d0",
        "xx1xx2xx3xx4",  // short x runs
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9yK3Q2",
        "<not closed",
        "yourkZ8q2LmN4vR7wX",  // opens with "your" but no new word follows
        "YOURq8ZmT4vK2LpN",
    ])
    func keepsRealLookingValues(value: String) {
        #expect(!PlaceholderFilter.isPlaceholder(value))
    }
}
