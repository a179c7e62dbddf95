import Testing
@testable import HushScan

@Suite struct GenericCredentialPairingTests {
    /// A fixture where `[[id:NAME]]` and `[[secret:NAME]]` mark parts; the markers' positions are
    /// the ranges, and NAME says which parts are expected to pair.
    struct Fixture {
        var bytes: [UInt8] = []
        var primaries: [Range<Int>] = []
        var partners: [Range<Int>] = []
        var primaryNames: [String] = []
        var partnerNames: [String] = []

        init(_ text: String) {
            var rest = Substring(text)
            while let open = rest.range(of: "[[") {
                bytes += Array(rest[..<open.lowerBound].utf8)
                guard let close = rest[open.upperBound...].range(of: "]]") else { break }
                let marker = rest[open.upperBound..<close.lowerBound].split(separator: ":")
                let value = Array("\(marker[0] == "id" ? "AKIA" : "s3")\(DetectFixtures.random(16, seed: UInt64(bytes.count)))".utf8)
                let range = bytes.count..<(bytes.count + value.count)
                bytes += value
                if marker[0] == "id" { primaries.append(range); primaryNames.append(String(marker[1])) } else {
                    partners.append(range); partnerNames.append(String(marker[1]))
                }
                rest = rest[close.upperBound...]
            }
            bytes += Array(rest.utf8)
        }

        /// Outcomes as names: "A+A" for a pair, "A" alone.
        func describe(_ outcomes: [CredentialPairing.Outcome]) -> [String] {
            outcomes.map {
                switch $0 {
                case .pair(let p, let q): "\(primaryNames[p])+\(partnerNames[q])"
                case .primaryAlone(let p): "id \(primaryNames[p])"
                case .partnerAlone(let q): "secret \(partnerNames[q])"
                }
            }
        }
    }

    static let cases: [(String, [String])] = [
        ("aws_access_key_id = [[id:A]]\naws_secret_access_key = [[secret:A]]\n", ["A+A"]),
        ("id=[[id:A]] secret=[[secret:A]]", ["A+A"]),
        ("[[secret:A]]\n\n\n[[id:A]]\n", ["A+A"]),
        ("[[id:A]]\n1\n2\n3\n4\n[[secret:A]]\n", ["A+A"]),
        ("[[id:A]]\n1\n2\n3\n4\n5\n[[secret:B]]\n", ["id A", "secret B"]),
        ("[[id:A]]\n[[secret:A]]\n[[id:B]]\n[[secret:B]]\n", ["A+A", "B+B"]),
        ("[profile a]\n[[id:A]]\n[[secret:A]]\n\n[profile b]\n[[id:B]]\n[[secret:B]]\n", ["A+A", "B+B"]),
        ("[[secret:X]]\n[[id:A]] [[secret:A]]\n", ["secret X", "A+A"]),
        ("[[id:A]]\n[[id:B]]\n[[secret:B]]\n", ["id A", "B+B"]),
        ("[[id:A]]\n", ["id A"]),
        ("[[secret:A]]\n", ["secret A"]),
        ("", []),
    ]

    @Test(arguments: cases)
    func pairsNearestParts(_ text: String, _ expected: [String]) {
        let f = Fixture(text)
        let outcomes = CredentialPairing().pair(primaries: f.primaries, partners: f.partners, lineStarts: CredentialPairing.lineStarts(of: f.bytes))
        #expect(f.describe(outcomes) == expected)
    }

    @Test func everyPartAppearsExactlyOnce() {
        let f = Fixture((0..<40).map { $0 % 3 == 0 ? "[[id:I\($0)]]\n" : "[[secret:S\($0)]] " }.joined())
        let outcomes = CredentialPairing(maximumLineDistance: 2).pair(primaries: f.primaries, partners: f.partners, lineStarts: CredentialPairing.lineStarts(of: f.bytes))
        var primaries: [Int] = []
        var partners: [Int] = []
        for o in outcomes {
            switch o {
            case .pair(let p, let q): primaries.append(p); partners.append(q)
            case .primaryAlone(let p): primaries.append(p)
            case .partnerAlone(let q): partners.append(q)
            }
        }
        #expect(primaries.sorted() == Array(f.primaries.indices))
        #expect(partners.sorted() == Array(f.partners.indices))
    }

    @Test func distanceIsConfigurable() {
        let f = Fixture("[[id:A]]\n\n\n[[secret:A]]\n")
        let starts = CredentialPairing.lineStarts(of: f.bytes)
        #expect(f.describe(CredentialPairing(maximumLineDistance: 3).pair(primaries: f.primaries, partners: f.partners, lineStarts: starts)) == ["A+A"])
        #expect(f.describe(CredentialPairing(maximumLineDistance: 2).pair(primaries: f.primaries, partners: f.partners, lineStarts: starts)) == ["id A", "secret A"])
    }

    @Test func overlappingRangesNeverPair() {
        let outcomes = CredentialPairing().pair(primaries: [10..<30], partners: [20..<40], lineStarts: [0])
        #expect(outcomes == [.primaryAlone(0), .partnerAlone(0)])
    }

    @Test func linesAreFoundByOffset() {
        let starts = CredentialPairing.lineStarts(of: Array("ab\ncd\n\nef".utf8))
        #expect(starts == [0, 3, 6, 7])
        #expect([0, 2, 3, 6, 7, 8].map { CredentialPairing.line(of: $0, lineStarts: starts) } == [0, 0, 1, 2, 3, 3])
    }
}
