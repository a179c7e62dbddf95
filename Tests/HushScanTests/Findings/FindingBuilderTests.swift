import Testing
@testable import HushScan

/// Findings built from hand-made matches, so these tests do not depend on any engine.
@Suite struct FindingBuilderTests {
    private let rules: RuleSet

    init() throws {
        rules = try testRuleSet()
    }

    /// A match of rule `ruleIndex` on the first occurrence of `secret` in `text`.
    private func match(_ secret: String, in text: String, rule ruleIndex: Int = 0, after: Int = 0,
                       validation: Validation = .none) -> RuleMatch {
        let bytes = Array(text.utf8)
        let needle = Array(secret.utf8)
        let start = (after...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }!
        return RuleMatch(ruleIndex: ruleIndex, matchRange: start..<(start + needle.count),
                         secretRange: start..<(start + needle.count), secret: secret, entropy: 3.5,
                         validation: validation)
    }

    private func build(_ text: String, _ matches: [RuleMatch], path: String = "f.txt") -> FindingBuilder.Output {
        Array(text.utf8).withUnsafeBytes { bytes in
            FindingBuilder(ruleSet: rules).findings(in: bytes, origin: Origin(path: path), matches: matches)
        }
    }

    @Test func positionsAreOneBasedAndCountCodePoints() throws {
        let text = "first\nsecond line\n  é→ key=SECRETVALUE1 end\n"
        let out = build(text, [match("SECRETVALUE1", in: text)])
        let finding = try #require(out.findings.first)
        #expect(finding.start == TextPosition(line: 3, column: 10))
        #expect(finding.end == TextPosition(line: 3, column: 22))
        #expect(finding.ruleID == "hush-test-token")
        #expect(finding.fingerprint == Fingerprint.of(ruleID: "hush-test-token", path: "f.txt", secret: "SECRETVALUE1"))
    }

    @Test func crlfLinesEndBeforeTheCarriageReturn() throws {
        let text = "a\r\nx=TOKENTOKEN\r\nz\r\n"
        let finding = try #require(build(text, [match("TOKENTOKEN", in: text)]).findings.first)
        #expect(finding.start == TextPosition(line: 2, column: 3))
        #expect(finding.snippet.parts == [.text("x="), .secret("TOKENTOKEN")])
    }

    @Test func multiLineSecretEndsOnALaterLine() throws {
        let text = "key: |\n  BEGIN\n  abc\n  END\n"
        let secret = "BEGIN\n  abc\n  END"
        let finding = try #require(build(text, [match(secret, in: text)]).findings.first)
        #expect(finding.start == TextPosition(line: 2, column: 3))
        #expect(finding.end == TextPosition(line: 4, column: 6))
        #expect(finding.snippet.parts == [.text("  "), .secret("BEGIN")])
    }

    @Test func snippetMarksEverySecretOnTheLineEvenSuppressedOnes() {
        let text = "a=FIRSTSECRET1 b=OTHERSECRET2 # hush:allow hush-test-weak\n"
        let out = build(text, [match("FIRSTSECRET1", in: text), match("OTHERSECRET2", in: text, rule: 1)])
        #expect(out.allowedInline == 1)
        #expect(out.findings.count == 1)
        let parts = out.findings[0].snippet.parts
        #expect(parts.contains(.secret("FIRSTSECRET1")))
        #expect(parts.contains(.secret("OTHERSECRET2")))
    }

    @Test func longLinesAreCutAroundTheSecret() throws {
        let text = String(repeating: "x", count: 5000) + "KEY=LONGLINESECRET" + String(repeating: "y", count: 5000)
        let finding = try #require(build(text, [match("LONGLINESECRET", in: text)]).findings.first)
        #expect(finding.snippet.clippedStart && finding.snippet.clippedEnd)
        let shown = finding.snippet.parts.reduce(0) { total, part in
            switch part {
            case .text(let t), .secret(let t): total + t.count
            }
        }
        #expect(shown <= Snippet.width + 1)
        #expect(finding.snippet.parts.contains(.secret("LONGLINESECRET")))
        #expect(finding.start.column == 5005)
    }

    @Test func snippetCutsOnCharacterBoundariesAndNeutralisesControlCharacters() throws {
        let text = String(repeating: "é", count: 200) + "\u{1B}[31m\tTOKENTOKEN" + String(repeating: "ü", count: 200)
        let finding = try #require(build(text, [match("TOKENTOKEN", in: text)]).findings.first)
        let plain = finding.snippet.parts.map { part -> String in
            switch part {
            case .text(let t), .secret(let t): t
            }
        }.joined()
        #expect(plain.contains("\u{FFFD}[31m TOKENTOKEN"))
        #expect(!plain.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x09 })
        #expect(plain.first == "é" && plain.last == "ü")
    }

    @Test func columnsAfterInvalidUTF8CountEachStrayByteThatStartsASequence() throws {
        let bytes: [UInt8] = [0xE9, 0xFF, 0x20] + Array("k=TOKENTOKEN\n".utf8)
        let secretStart = 5
        let found = bytes.withUnsafeBytes { raw in
            FindingBuilder(ruleSet: rules).findings(in: raw, origin: Origin(path: "x"), matches: [RuleMatch(
                ruleIndex: 0, matchRange: secretStart..<(secretStart + 10), secretRange: secretStart..<(secretStart + 10),
                secret: "TOKENTOKEN", entropy: 0, validation: .none)])
        }
        let finding = try #require(found.findings.first)
        #expect(finding.start == TextPosition(line: 1, column: 6))
        #expect(finding.snippet.parts.first == .text("\u{FFFD}\u{FFFD} k="))
    }

    @Test func matchesOutsideTheBufferOrRuleSetAreDropped() {
        let text = "short"
        let outside = RuleMatch(ruleIndex: 0, matchRange: 3..<40, secretRange: 3..<40, secret: "x", entropy: 0, validation: .none)
        let noRule = RuleMatch(ruleIndex: 99, matchRange: 0..<2, secretRange: 0..<2, secret: "sh", entropy: 0, validation: .none)
        #expect(build(text, [outside, noRule]).findings.isEmpty)
    }

    @Test func overlappingMatchesYieldTheStrongestRuleOnly() {
        let text = "token = \"TOKENTOKEN42\"\nother = \"WEAKWEAK99\"\n"
        let generic = match("TOKENTOKEN42", in: text, rule: 1)   // hush-test-weak: low confidence
        let specific = match("TOKENTOKEN42", in: text, rule: 0)  // hush-test-token: high
        let wider = RuleMatch(ruleIndex: 1, matchRange: 9..<23, secretRange: 9..<23, secret: "\"TOKENTOKEN42\"",
                              entropy: 0, validation: .none)
        let alone = match("WEAKWEAK99", in: text, rule: 1)
        let out = build(text, [generic, wider, alone, specific])
        #expect(out.findings.map(\.ruleID) == ["hush-test-token", "hush-test-weak"])
        #expect(out.findings.map(\.secret) == ["TOKENTOKEN42", "WEAKWEAK99"])
    }

    @Test func aFailedChecksumAlsoSilencesWeakerRulesOnTheSameBytes() {
        let text = "old_token = \"BADCHECKSUM1\"\n"
        let invalid = match("BADCHECKSUM1", in: text, rule: 0, validation: .invalid)
        let generic = match("BADCHECKSUM1", in: text, rule: 1)
        #expect(build(text, [generic, invalid]).findings.isEmpty)
    }

    @Test func manyAdjacentMatchesAllSurvive() {
        let text = String(repeating: "abcd", count: 2000)
        let matches = (0..<2000).reversed().map {
            RuleMatch(ruleIndex: $0 % 2, matchRange: 4 * $0..<(4 * $0 + 4), secretRange: 4 * $0..<(4 * $0 + 4),
                      secret: "abcd", entropy: 2, validation: .none)
        }
        let found = build(text, matches).findings
        #expect(found.count == 2000)
        #expect(found.map(\.start.column) == (0..<2000).map { 4 * $0 + 1 })
    }

    @Test func invalidMatchesAreDroppedAndDuplicatesCountOnce() {
        let text = "t=TOKENTOKEN\nu=BADTOKEN99\n"
        let good = match("TOKENTOKEN", in: text)
        let out = build(text, [good, good, match("BADTOKEN99", in: text, validation: .invalid)])
        #expect(out.findings.map(\.secret) == ["TOKENTOKEN"])
    }

    @Test func allowCommentsCoverTheirLineOrTheNextAndCanNameRules() {
        let text = """
            a=SECRETAAAA1 // hush:allow
            b=SECRETBBBB2 // hush:allow hush-test-weak
            // hush:allow-next-line
            c=SECRETCCCC3
            d=SECRETDDDD4
            # hush:allow-next-line hush-test-token because it is a fixture
            e=SECRETEEEE5
            f=SECRETFFFF6 # hush:allowance is not a directive
            """
        let secrets = ["SECRETAAAA1", "SECRETBBBB2", "SECRETCCCC3", "SECRETDDDD4", "SECRETEEEE5", "SECRETFFFF6"]
        let out = build(text, secrets.map { match($0, in: text) })
        #expect(out.findings.map(\.secret) == ["SECRETBBBB2", "SECRETDDDD4", "SECRETFFFF6"])
        #expect(out.allowedInline == 3)
    }

    @Test func directiveParsingTellsRuleIDsFromProse() {
        let known: Set = ["github-pat", "aws-key"]
        let found = InlineAllow.directives(in: "x # hush:allow github-pat,aws-key test value", knownRuleIDs: known)
        #expect(found == [InlineAllow(nextLine: false, ruleIDs: ["github-pat", "aws-key"])])
        let prose = InlineAllow.directives(in: "# hush:allow-next-line: test fixture", knownRuleIDs: known)
        #expect(prose == [InlineAllow(nextLine: true, ruleIDs: [])])
        #expect(InlineAllow.directives(in: "hush:allowed", knownRuleIDs: known).isEmpty)
    }

    @Test func redactionKeepsAtMostFourCharactersAndHalf() {
        #expect(Redaction.redacted.apply("ghp_abcdefghijkl") == "ghp_…")
        #expect(Redaction.redacted.apply("abcdef") == "abc…")
        #expect(Redaction.redacted.apply("ab") == "a…")
        #expect(Redaction.redacted.apply("") == "…")
        #expect(Redaction.shown.apply("abcdef") == "abcdef")
    }

    @Test func redactionOfAnArmouredKeyShowsOnlyItsHeader() {
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx9k2\n-----END EC PRIVATE KEY-----"
        #expect(Redaction.redacted.apply(key) == "-----BEGIN EC PRIVATE KEY-----…")
        let escaped = #"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----"#
        #expect(Redaction.redacted.apply(escaped) == "-----BEGIN PRIVATE KEY-----…")
        #expect(Redaction.redacted.apply("-----BEGIN MIIEvQIBADANBgkqhkiG9w0BAQEFAASC") == "----…")
    }
}
