import Testing
@testable import HushScan

/// The detector must stay linear on large and hostile inputs: one-line files of many megabytes, runs
/// of keyword text with no assignment, and values that never close.
@Suite struct GenericAssignmentDetectorScaleTests {
    static let megabytes = 10

    static func repeated(_ unit: String, toBytes size: Int) -> [UInt8] {
        let u = Array(unit.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(size + u.count)
        while out.count < size { out.append(contentsOf: u) }
        return out
    }

    /// A minified bundle: ten megabytes on one line, one credential per kilobyte of ordinary code.
    @Test func tenMegabyteOneLineFile() {
        let value = DetectFixtures.random(24, seed: 601)
        let filler = String(repeating: "function f(a,b){return a.map(x=>x.key).concat(b.items)};var t=typeof c;", count: 14)
        let unit = filler + "var cfg={\"password\":\"\(value)\"};"
        let bytes = Self.repeated(unit, toBytes: Self.megabytes << 20)
        let found = GenericAssignmentDetector().candidates(in: bytes)
        #expect(found.count == bytes.count / unit.utf8.count)
        #expect(found.allSatisfy { $0.value == value && $0.syntax == .quotedKeyPair })
    }

    /// One megabyte of nothing but assignments on one line.
    @Test func denseOneLineFile() {
        let value = DetectFixtures.random(24, seed: 602)
        let unit = "{\"name\":\"svc\",\"password\":\"\(value)\",\"port\":5432},"
        let bytes = Self.repeated(unit, toBytes: 1 << 20)
        let found = GenericAssignmentDetector().candidates(in: bytes)
        #expect(found.count == bytes.count / unit.utf8.count)
    }

    @Test(arguments: ["tokentokentokentoken", "token token token ", "token=token=token=", "\"password\": \"", "passwordpassword_", "<password><password>", "Authorization: Authorization: ", "mysql mysql -p"])
    func hostileRepetitionsFinishInOnePass(_ unit: String) {
        let bytes = Self.repeated(unit, toBytes: 1 << 20)
        let found = GenericAssignmentDetector().candidates(in: bytes)
        // Whatever is reported must point inside the buffer and not overlap.
        var last = 0
        for candidate in found {
            #expect(candidate.valueRange.lowerBound >= last && candidate.valueRange.upperBound <= bytes.count)
            last = candidate.valueRange.upperBound
        }
    }
}
