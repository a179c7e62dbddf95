import Foundation

/// The package's `Fixtures/` folder and the files every target's tests share.
public enum Fixtures {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` + `relative`.
    public static func url(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }

    /// The text of `Fixtures/` + `relative`.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// The rules every scan test uses (`Fixtures/rules/test-rules.yaml`): shapes no real
    /// credential has, so results do not depend on the built-in rules.
    public static var testRules: String { url("rules/test-rules.yaml").path }
}

/// Synthetic tokens for the test rules. Never real credentials.
public enum TestSecret {
    /// A `hush-test-token` (high confidence); `seed` varies the last character.
    public static func token(_ seed: Character = "A") -> (text: String, secret: String) {
        let secret = "Zq81LmNoPqRsTuVwXy2" + String(seed)
        return ("hushtest_" + secret, secret)
    }

    /// A `hush-test-weak` token (low confidence).
    public static let weak = (text: "hushweak_k3j9x2m8q7w1", secret: "k3j9x2m8q7w1")
}
