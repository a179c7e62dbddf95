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

    /// The same window computed the slow, obvious way.
    func reference(_ bytes: [UInt8], end: Int, lines: Int, sideLimit: Int) -> Range<Int> {
        let anchor = min(max(end, 1), bytes.count) - 1
        let floor = max(0, end - sideLimit)
        let ceiling = min(bytes.count, end + sideLimit)
        let before = (floor..<anchor).filter { bytes[$0] == 10 }
        let start = before.count > lines ? before[before.count - 1 - lines] + 1 : floor
        let after = (anchor..<ceiling).filter { bytes[$0] == 10 }
        let stop = after.count > lines ? after[lines] + 1 : ceiling
        return start..<stop
    }

    @Test func agreesWithTheObviousComputationEverywhere() {
        // Lines of many lengths, so newlines fall at every position within an 8-byte word.
        var bytes: [UInt8] = []
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 3, 0, 0, 31, 2] {
            bytes += [UInt8](repeating: UInt8(ascii: "a"), count: length) + [10]
        }
        bytes += Array("tail".utf8)
        for lines in 0...3 {
            for sideLimit in [5, 12, 1000] {
                for end in 1...bytes.count {
                    let computed = bytes.withUnsafeBytes {
                        MatchWindow.around(end: end, lines: lines, sideLimit: sideLimit, in: $0).range
                    }
                    #expect(computed == reference(bytes, end: end, lines: lines, sideLimit: sideLimit),
                            "end \(end), lines \(lines), side limit \(sideLimit)")
                }
            }
        }
    }
}
