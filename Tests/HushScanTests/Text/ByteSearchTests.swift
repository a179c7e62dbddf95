import Testing
@testable import HushScan

@Suite struct ByteSearchTests {
    func find(_ needle: String, in haystack: String) -> Range<Int>? {
        Array(haystack.utf8).firstOccurrence(of: Array(needle.utf8))
    }

    @Test func findsTheFirstOccurrence() {
        #expect(find("-----END", in: "--- ----END -----END x -----END") == 12..<20)
        #expect(find("abc", in: "abc") == 0..<3)
        #expect(find("abc", in: "xxabc") == 2..<5)
        #expect(find("aab", in: "aaaab") == 2..<5)
    }

    @Test func reportsAbsence() {
        #expect(find("abc", in: "ab") == nil)
        #expect(find("abc", in: "") == nil)
        #expect(find("abd", in: "abcabcab") == nil)
    }

    @Test func slicesAnswerInTheirOwnIndices() {
        let bytes = Array("xxabcxxabc".utf8)
        #expect(bytes[3...].firstOccurrence(of: Array("abc".utf8)) == 7..<10)
    }
}
