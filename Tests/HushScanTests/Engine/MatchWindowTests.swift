import Testing
@testable import HushScan

@Suite struct MatchWindowTests {
    func window(_ text: String, end: Int, lines: Int = 1, sideLimit: Int = 4096) -> (String, MatchWindow) {
        let bytes = Array(text.utf8)
        let window = bytes.withUnsafeBytes { MatchWindow.around(end: end, lines: lines, sideLimit: sideLimit, in: $0) }
        return (String(decoding: bytes[window.range], as: UTF8.self), window)
    }

    @Test func takesTheLineBeforeAndAfter() {
        let text = "one\ntwo\nthree\nfour\nfive"
        // Hit ending after "thr" (offset 11).
        #expect(window(text, end: 11).0 == "two\nthree\nfour\n")
        #expect(window(text, end: 11, lines: 0).0 == "three\n")
        #expect(window(text, end: 11, lines: 2).0 == text)
    }

    @Test func stopsAtTheBufferEdges() {
        let text = "one\ntwo\nthree"
        #expect(window(text, end: 2).0 == "one\ntwo\n")
        #expect(window(text, end: text.utf8.count).0 == "two\nthree")
    }

    @Test func aHitEndingWithANewlineBelongsToTheLineItEnds() {
        let text = "one\ntwo\nthree\n"
        #expect(window(text, end: 8, lines: 0).0 == "two\n")
    }

    @Test func cutsLongLinesAndSaysWhere() {
        let text = String(repeating: "a", count: 10_000) + "\nshort"
        let (slice, cut) = window(text, end: 5_000, sideLimit: 100)
        #expect(slice.utf8.count == 200)
        #expect(cut.range == 4_900..<5_100)
        #expect(cut.clippedStart && cut.clippedEnd)
        let (_, tail) = window(text, end: 9_990, sideLimit: 100)
        #expect(tail.clippedStart && !tail.clippedEnd)
        #expect(tail.range.upperBound == text.utf8.count)
    }
}
