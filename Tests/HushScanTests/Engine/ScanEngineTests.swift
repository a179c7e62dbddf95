import HushTestSupport
import Testing
@testable import HushScan

@Suite struct ScanEngineTests {
    static let github = testRule("github-token", #"\b(gh[pousr]_[A-Za-z0-9]{36})\b"#, group: 1, validate: "github-crc32")

    @Test func findsChecksummedTokensAndDropsBrokenOnes() throws {
        let engine = try makeEngine([Self.github])
        expectFindsExactlyMarked(engine, MarkedText("""
            let a = "⟦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⟧"
            let broken = "ghp_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq9"
            token: ⟦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⟧
            """))
        let match = scan(engine, Array("ghs_wjSLou37acBh3pgzgIjnkKiDXw0LrY1f0iKW".utf8)).first
        #expect(match?.validation == .valid)
        #expect(match?.matchRange == 0..<40)
    }

    @Test func keepsInvalidMatchesOnlyWhenAsked() throws {
        let text = Array("ghp_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq9".utf8)
        #expect(scan(try makeEngine([Self.github]), text).isEmpty)
        let kept = scan(try makeEngine([Self.github], options: .init(keepInvalid: true, cacheDirectory: nil)), text)
        #expect(kept.map(\.validation) == [.invalid])
    }

    @Test func manyHitsInsideOneMatchReportItOnce() throws {
        // `{20,}` makes Vectorscan report an end at every byte from the 20th on; adjacent lines make
        // the windows overlap.
        let engine = try makeEngine([testRule("long-token", "token=([A-Za-z0-9]{20,})", group: 1)])
        expectFindsExactlyMarked(engine, MarkedText("""
            token=⟦Ab3dE5gH7jK9mN1pQ3sT5vX7zB9dF1hJ3kL5⟧
            token=⟦Zy8xW6vU4tS2rQ0pO8nM6lK4jI2hG0fE8dC6⟧ token=⟦Qw3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC3vB5⟧
            token=tooShort1
            token=⟦Mn4bV6cX8zL0kJ2hG4fD⟧
            """))
    }

    @Test func lineAnchorsMeanLineBoundaries() throws {
        let engine = try makeEngine([testRule("env-key", "^API_KEY=([A-Za-z0-9]{12,})$", group: 1)])
        expectFindsExactlyMarked(engine, MarkedText("""
            # settings
            API_KEY=⟦h7Gk2LmQ9zXv4RtY⟧
            export API_KEY=k2LmQ9zXv4RtYh7G
            API_KEY=Q9zXv4RtYh7Gk2Lm trailing
            API_KEY=⟦zXv4RtYh7Gk2LmQ9⟧
            """))
    }

    @Test func resultsAreOrderedByPositionAcrossRules() throws {
        let engine = try makeEngine([Self.github, testRule("env-key", "API_KEY=([A-Za-z0-9]{12,})", group: 1)])
        let text = MarkedText("""
            API_KEY=⟦env-key⟩h7Gk2LmQ9zXv4RtY⟧ ⟦github-token⟩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⟧
            API_KEY=⟦env-key⟩zXv4RtYh7Gk2LmQ9⟧
            """)
        expectFindsExactlyMarked(engine, text)
        #expect(text.secrets.map(\.rule) == ["env-key", "github-token", "env-key"])
    }

    @Test func multiLineRulesSeeWholePEMBlocks() throws {
        let rule = testRule(
            "private-key", #"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----"#,
            keywords: ["-----BEGIN"], validate: "private-key", windowLines: 60)
        let engine = try makeEngine([rule])
        // The back-reference keeps it out of Vectorscan's exact mode, and (measured) its prefilter
        // approximation is too loose to beat keywords.
        #expect(engine.routes == [.keywords])
        #expect(engine.fallbackRuleIDs == ["private-key"])
        let rsa = try EngineFixture.text("rsa-pkcs1.pem").trimmingCharacters(in: .newlines)
        let ec = try EngineFixture.text("ec-sec1.pem").trimmingCharacters(in: .newlines)
        let marked = MarkedText("config:\n  key: |\n⟦\(rsa)⟧\nother: 1\n⟦\(ec)⟧\n")
        expectFindsExactlyMarked(engine, marked)
        #expect(scan(engine, marked.bytes).map(\.validation) == [.valid, .valid])
    }

    @Test func keywordHitsInsideAnEarlierWindowStillGetTheirOwn() throws {
        // Keyword hits sit at the top of a PEM block. The second block's BEGIN lies inside the first
        // block's window, its END beyond it: that hit must still get a window of its own.
        let rsa = try EngineFixture.text("rsa-pkcs1.pem").trimmingCharacters(in: .newlines)
        let ec = try EngineFixture.text("ec-sec1.pem").trimmingCharacters(in: .newlines)
        let rsaLines = rsa.split(separator: "\n").count
        let rule = testRule(
            "private-key", #"-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----[\s\S]*?-----END \1-----"#,
            keywords: ["-----BEGIN"], validate: "private-key", windowLines: rsaLines + 2)
        var options = uncached
        options.usePrefilterMode = false
        let engine = try makeEngine([rule], options: options)
        #expect(engine.routes == [.keywords])
        expectFindsExactlyMarked(engine, MarkedText("⟦\(rsa)⟧\n⟦\(ec)⟧\n"))
    }

    static let lookaround = testRule(
        "hush-key", "(?<![A-Za-z0-9])hushkey_([a-f0-9]{16})(?![A-Za-z0-9])", group: 1, keywords: ["hushkey_"])
    static let lookaroundText = MarkedText("""
        a = hushkey_⟦0123456789abcdef⟧ wrapped
        b = hushkey_0123456789abcdef0
        c = xhushkey_0123456789abcdef
        d=(hushkey_⟦fedcba9876543210⟧) e=HUSHKEY_fedcba9876543210
        """)

    @Test func lookaroundRulesRunThroughVectorscanPrefilterMode() throws {
        let engine = try makeEngine([Self.lookaround])
        #expect(engine.routes == [.vectorscanPrefilter])
        expectFindsExactlyMarked(engine, Self.lookaroundText)
    }

    @Test func lookaroundRulesRunThroughKeywordsWithoutPrefilterMode() throws {
        var options = uncached
        options.usePrefilterMode = false
        let engine = try makeEngine([Self.lookaround, Self.github], options: options)
        #expect(engine.routes == [.keywords, .vectorscan])
        #expect(engine.fallbackRuleIDs == ["hush-key"])
        expectFindsExactlyMarked(engine, Self.lookaroundText)
    }

    @Test func patternsVectorscanCannotParseFallBackToKeywords() throws {
        // Branch reset is PCRE2-only: Vectorscan refuses it even in prefilter mode.
        let rule = testRule("branch-reset", #"(?|alpha_(\d{6})|beta_(\d{6}))"#, group: 1, keywords: ["alpha_", "beta_"])
        let engine = try makeEngine([rule])
        #expect(engine.routes == [.keywords])
        expectFindsExactlyMarked(engine, MarkedText("x alpha_⟦123456⟧ y BETA_654321 beta_⟦111222⟧ alpha_12"))
    }

    @Test func patternsVectorscanRefusesOnlyWhenBuildingAreDemoted() throws {
        // Vectorscan parses this, then refuses to build it because it matches the empty string.
        let rule = testRule("optional", "(?:tok_([a-z0-9]{8}))?", group: 1, keywords: ["tok_"])
        let engine = try makeEngine([rule, Self.github])
        #expect(engine.routes == [.keywords, .vectorscan])
        expectFindsExactlyMarked(engine, MarkedText("a tok_⟦abcd1234⟧ b TOK_abcd1234 tok_⟦zyxw9876⟧"))
    }

    @Test func backReferencesAreRecognised() {
        #expect(ScanEngine.hasBackReference(#"(a)\1"#))
        #expect(ScanEngine.hasBackReference(#"(?<x>a)\k<x>"#))
        #expect(ScanEngine.hasBackReference(#"(a)\g{-1}"#))
        #expect(ScanEngine.hasBackReference("(?P<x>a)(?P=x)"))
        #expect(!ScanEngine.hasBackReference(#"\\1 \d{1} \b"#))
    }

    @Test func tenMegabyteSingleLine() throws {
        let engine = try makeEngine([Self.github])
        let filler = Array("  q=1;  ".utf8)  // 8 bytes; tokens replace whole fillers, spaces around them
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 << 20)
        while bytes.count < 10 << 20 { bytes += filler }
        let tokens = TokenChecksumTests.validGitHub.prefix(3).map { Array($0.utf8) }
        let places = [0, bytes.count / 2, bytes.count - 40]
        for (token, place) in zip(tokens, places) {
            bytes.replaceSubrange(place..<(place + 40), with: token)
        }
        let found = scan(engine, bytes)
        #expect(found.map(\.secretRange) == places.map { $0..<($0 + 40) })
        #expect(found.map(\.secret) == tokens.map { String(decoding: $0, as: UTF8.self) })
    }

    @Test func aMatchCutByAWindowEdgeIsNotReportedTruncated() throws {
        // One megabyte of a single token-shaped line: every window around it is cut, so no window
        // can show where the token ends; the engine reports nothing rather than a fragment.
        let engine = try makeEngine([testRule("long-token", "key=([A-Za-z0-9]{32,})", group: 1)])
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        var bytes = Array("key=".utf8)
        for index in 0..<(1 << 20) { bytes.append(alphabet[(index * 7 + index / 62) % alphabet.count]) }
        #expect(scan(engine, bytes).isEmpty)
    }

    @Test func entropyGateDropsLowEntropySecrets() throws {
        let engine = try makeEngine([testRule("password", #"pw=(\S+)"#, group: 1, minEntropy: 3.0)])
        let marked = MarkedText("pw=aaaaaaaaaaaaaaab\npw=⟦q8Zr2Lx7Mv4Nc1Bt⟧\npw=abababababab\n")
        expectFindsExactlyMarked(engine, marked)
        #expect(scan(engine, marked.bytes).first?.entropy == Entropy.bitsPerByte(Array("q8Zr2Lx7Mv4Nc1Bt".utf8)))
    }

    @Test func placeholdersAreDropped() throws {
        let engine = try makeEngine([testRule("token", #"token:\s*(\S+)"#, group: 1)])
        expectFindsExactlyMarked(engine, MarkedText("""
            token: ${API_TOKEN}
            token: <your-token>
            token: ⟦k9TestZq3LmN8vR2wX7y⟧
            token: {{ .Values.token }}
            """))
    }

    @Test func workersShareOneEngineAcrossThreads() async throws {
        let engine = try makeEngine([Self.github, Self.lookaround])
        let text = Self.lookaroundText.bytes + Array("\n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\n".utf8)
        let results = await withTaskGroup(of: [RuleMatch].self) { group in
            for _ in 0..<4 { group.addTask { scan(engine, text) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0 == results[0] && $0.count == 3 })
    }

    @Test func emptyBufferAndEmptyRuleSet() throws {
        #expect(scan(try makeEngine([Self.github]), []).isEmpty)
        #expect(scan(try makeEngine([]), Array("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".utf8)).isEmpty)
    }
}
