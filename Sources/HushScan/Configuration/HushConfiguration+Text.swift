extension HushConfiguration {
    /// What `hush config init` writes: every setting, commented out, with what it does.
    package static let starter = """
        # hush settings for this repository: `hush scan` reads .hush.yaml at the root of each folder it
        # scans (or --config FILE). Flags on the command line win over these. `hush config check`
        # validates the file and prints what it sets. Uncomment what you need.

        # Extra rule files or folders (the schema of hush's patterns/), relative to this file.
        # rules: [security/hush-rules.yaml]

        # Rule ids to turn off (`hush rules list` names them).
        # disable: [generic-password]

        # Paths to skip, as globs relative to the scanned folder ('**' spans folders).
        # exclude: ["vendor/**", "**/testdata/**"]

        # Values that are never secrets here: exact, or a regular expression the whole value matches,
        # for some rules or all.
        # allow:
        #   - value: "AKIAIOSFODNN7EXAMPLE"
        #     reason: AWS's documented example key
        #   - regex: "test-[a-z0-9]{8}"
        #     rules: [generic-token]

        # A secret that contains one of these words is a stand-in.
        # stopwords: [dummy, fixture]

        # Minimum entropy (bits per character) for pattern rules.
        # entropy:
        #   generic-api-key: 4.0

        # Skip files larger than this.
        # max_file_size: 25MB

        # Report only findings at least this confident, and fail only on those at least this confident.
        # min_confidence: low
        # fail_on: medium

        # Findings hidden by fingerprint (from a JSON report), each with why, and until when.
        # ignore:
        #   - fingerprint: 0000000000000000000000000000000000000000000000000000000000000000
        #     reason: rotated on 2026-11-30, history rewrite pending
        #     expires: 2027-01-31

        """

    /// The settings, one per line, for `hush config check`.
    package var summary: String {
        var lines = ["Settings from \(files.joined(separator: ", ")):"]
        func add(_ name: String, _ value: String?) { if let value { lines.append("  \(name): \(value)") } }
        add("rules", ruleFiles.isEmpty ? nil : ruleFiles.joined(separator: ", "))
        add("disable", disabledRules.isEmpty ? nil : disabledRules.joined(separator: ", "))
        add("exclude", exclude.isEmpty ? nil : exclude.joined(separator: ", "))
        add("allow", allow.isEmpty ? nil : "\(allow.count) entr\(allow.count == 1 ? "y" : "ies")")
        add("stopwords", stopwords.isEmpty ? nil : stopwords.joined(separator: ", "))
        add("entropy", entropy.isEmpty ? nil : entropy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        add("max_file_size", maxFileSize.map { ByteSize(bytes: $0).description })
        add("min_confidence", minConfidence?.rawValue)
        add("fail_on", failOn?.rawValue)
        let expired = IgnoreList(ignore).expired.count
        add("ignore", ignore.isEmpty ? nil : "\(ignore.count) fingerprint\(ignore.count == 1 ? "" : "s")" + (expired > 0 ? ", \(expired) expired" : ""))
        if lines.count == 1 { lines.append("  (nothing set: hush's defaults apply)") }
        return lines.joined(separator: "\n")
    }
}
