import HushTestSupport
import Testing
@testable import HushScan

/// `hush:allow` works in whatever comment syntax the file uses: the marker is found in the line's
/// text, not parsed as one language's comment. One file per syntax, each with an allowed token on
/// the marked line, one under `hush:allow-next-line`, and one unmarked that must still be reported.
@Suite struct InlineAllowSyntaxTests {
    static let syntaxes: [(file: String, open: String, close: String)] = [
        ("a.sh", "# ", ""), ("a.swift", "// ", ""), ("a.c", "/* ", " */"), ("a.html", "<!-- ", " -->"),
        ("a.sql", "-- ", ""), ("a.ini", "; ", ""), ("a.tex", "% ", ""), ("a.bat", "REM ", ""),
    ]

    @Test(arguments: syntaxes.indices)
    func everyCommentSyntaxAllows(_ index: Int) throws {
        let (file, open, close) = Self.syntaxes[index]
        let allowed = TestSecret.token("A"), nextLine = TestSecret.token("B"), reported = TestSecret.token("C")
        let text = """
            value = "\(allowed.text)" \(open)hush:allow hush-test-token\(close)
            \(open)hush:allow-next-line\(close)
            value = "\(nextLine.text)"
            value = "\(reported.text)"

            """
        let dir = try ScratchFolder()
        try dir.write(file, text)
        let result = try scan([dir.path])
        #expect(result.findings.map(\.secret) == [reported.secret], "\(file)")
        #expect(result.suppressed.inlineAllow == 2, "\(file)")
    }

    @Test func anAllowForAnotherRuleAllowsNothing() throws {
        let token = TestSecret.token("D")
        let dir = try ScratchFolder()
        try dir.write("a.sh", "value = \"\(token.text)\" # hush:allow hush-test-weak\n")
        #expect(try scan([dir.path]).findings.map(\.secret) == [token.secret])
    }
}
