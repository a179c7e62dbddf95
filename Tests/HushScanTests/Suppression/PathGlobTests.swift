import Testing
@testable import HushScan

@Suite struct PathGlobTests {
    @Test(arguments: [
        // pattern, path, isDirectory, expected
        ("*.min.js", "app.min.js", false, true),
        ("*.min.js", "web/static/app.min.js", false, true),
        ("*.min.js", "web/static/app.js", false, false),
        ("node_modules", "a/node_modules", true, true),
        ("vendor/**", "vendor/lib/x.go", false, true),
        ("vendor/**", "src/vendor/x.go", false, false),
        ("/build", "build", true, true),
        ("/build", "src/build", true, false),
        ("docs/*.md", "docs/a.md", false, true),
        ("docs/*.md", "docs/sub/a.md", false, false),
        ("**/test/*.txt", "test/a.txt", false, true),
        ("**/test/*.txt", "x/y/test/a.txt", false, true),
        ("a/**/b", "a/b", false, true),
        ("a/**/b", "a/x/y/b", false, true),
        ("a/**/b", "a/x/y/c", false, false),
        ("build/", "build", false, false),
        ("build/", "build", true, true),
        ("*.pem", ".hidden.pem", false, true),
        ("[abc].txt", "b.txt", false, true),
        ("[abc].txt", "d.txt", false, false),
        ("?.txt", "ab.txt", false, false),
        ("*", "a/b", false, true),
    ])
    func matching(pattern: String, path: String, isDirectory: Bool, expected: Bool) {
        #expect(PathGlob(pattern).matches(path, isDirectory: isDirectory) == expected)
    }

    @Test func starNeverCrossesASlash() {
        #expect(!PathGlob("src/*.go").matches("src/pkg/a.go", isDirectory: false))
    }

    @Test func ignoreFileSkipsCommentsBlanksAndNegations() {
        let globs = PathFilter.parseIgnoreFile("# comment\n\n*.log   \n!keep.log\nfixtures/\r\n")
        #expect(globs.map(\.pattern) == ["*.log", "fixtures/"])
    }

    @Test func filterChecksAncestorsForExplicitFiles() {
        let filter = PathFilter(patterns: ["vendor/"])
        #expect(filter.excludesPathOrAncestor("vendor/lib/a.go", isDirectory: false))
        #expect(!filter.excludes("vendor/lib/a.go", isDirectory: false))
        #expect(!filter.excludesPathOrAncestor("src/a.go", isDirectory: false))
    }
}
