/// Joins the two halves of credentials that only work together, so they are reported once.
///
/// Design note: some credentials come in parts: an AWS access key id with its secret access key, a
/// Twilio account SID with its auth token, an Azure client id with its client secret, an Algolia
/// application id with its API key. The id half is distinctive but not secret on its own; the
/// secret half is secret but looks like any other random string. Rules therefore come in
/// primary/partner pairs (`aws-access-key-id` with `aws-secret-access-key`, or with generic
/// candidates whose key names the partner). When a primary and a partner match within
/// `maximumLineDistance` lines of each other in the same blob they become one finding carrying both
/// ranges (worth more confidence than either, with one fingerprint over both); a part with no
/// partner nearby stays a finding of its own.
///
/// Pairing is greedy by nearness: all primary-partner couples within the distance are ordered by
/// line distance, then byte gap, then position, and taken in that order while both parts are free.
/// So `id1 secret1 id2 secret2` pairs id1 with secret1 and id2 with secret2, and a lone id between
/// two secrets takes the closer one. Each part is used at most once. Ranges that overlap are the
/// same text and never pair. Pure function of ranges and line starts: no text is read.
package struct CredentialPairing: Sendable, Hashable {
    /// How a part ended up.
    package enum Outcome: Sendable, Hashable {
        /// Indices into the `primaries` and `partners` arrays.
        case pair(primary: Int, partner: Int)
        case primaryAlone(Int)
        case partnerAlone(Int)

        /// The earliest byte offset of the part(s), for ordering.
        func start(primaries: [Range<Int>], partners: [Range<Int>]) -> Int {
            switch self {
            case .pair(let p, let q): min(primaries[p].lowerBound, partners[q].lowerBound)
            case .primaryAlone(let p): primaries[p].lowerBound
            case .partnerAlone(let q): partners[q].lowerBound
            }
        }
    }

    /// Largest number of lines between the two parts (0: same line).
    package var maximumLineDistance: Int
    /// Partners considered per primary (the nearest ones), which bounds the work on files that hold
    /// thousands of parts on the same lines.
    package var maximumCandidatesPerPrimary: Int

    package init(maximumLineDistance: Int = 5, maximumCandidatesPerPrimary: Int = 16) {
        self.maximumLineDistance = maximumLineDistance
        self.maximumCandidatesPerPrimary = maximumCandidatesPerPrimary
    }

    /// The byte offsets at which lines start (`[0]` for a buffer with no newline).
    package static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 < bytes.count { starts.append(i + 1) }
        return starts
    }

    /// The zero-based line holding `offset`, given sorted line starts.
    package static func line(of offset: Int, lineStarts: [Int]) -> Int {
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        return low
    }

    /// Pairs `primaries` with `partners` (byte ranges in one buffer whose lines start at
    /// `lineStarts`). Every index appears in exactly one outcome; outcomes are ordered by position.
    package func pair(primaries: [Range<Int>], partners: [Range<Int>], lineStarts: [Int]) -> [Outcome] {
        let primaryLines = primaries.map { Self.line(of: $0.lowerBound, lineStarts: lineStarts) }
        let partnerLines = partners.map { Self.line(of: $0.lowerBound, lineStarts: lineStarts) }
        let partnersByLine = partners.indices.sorted { (partnerLines[$0], partners[$0].lowerBound) < (partnerLines[$1], partners[$1].lowerBound) }
        let sortedLines = partnersByLine.map { partnerLines[$0] }

        struct Couple { var lineDistance: Int; var gap: Int; var primary: Int; var partner: Int }
        var couples: [Couple] = []
        for p in primaries.indices {
            let lowest = primaryLines[p] - maximumLineDistance
            var k = firstIndex(in: sortedLines, atLeast: lowest)
            var nearby: [Couple] = []
            while k < sortedLines.count, sortedLines[k] <= primaryLines[p] + maximumLineDistance {
                let q = partnersByLine[k]
                if !primaries[p].overlaps(partners[q]) {
                    nearby.append(Couple(lineDistance: abs(partnerLines[q] - primaryLines[p]), gap: Self.gap(primaries[p], partners[q]), primary: p, partner: q))
                }
                k += 1
            }
            nearby.sort { ($0.lineDistance, $0.gap) < ($1.lineDistance, $1.gap) }
            couples.append(contentsOf: nearby.prefix(maximumCandidatesPerPrimary))
        }
        couples.sort { ($0.lineDistance, $0.gap, primaries[$0.primary].lowerBound, partners[$0.partner].lowerBound) < ($1.lineDistance, $1.gap, primaries[$1.primary].lowerBound, partners[$1.partner].lowerBound) }

        var primaryTaken = [Bool](repeating: false, count: primaries.count)
        var partnerTaken = [Bool](repeating: false, count: partners.count)
        var outcomes: [Outcome] = []
        for c in couples where !primaryTaken[c.primary] && !partnerTaken[c.partner] {
            primaryTaken[c.primary] = true
            partnerTaken[c.partner] = true
            outcomes.append(.pair(primary: c.primary, partner: c.partner))
        }
        outcomes += primaries.indices.filter { !primaryTaken[$0] }.map(Outcome.primaryAlone)
        outcomes += partners.indices.filter { !partnerTaken[$0] }.map(Outcome.partnerAlone)
        return outcomes.sorted { $0.start(primaries: primaries, partners: partners) < $1.start(primaries: primaries, partners: partners) }
    }

    private func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
    }
}
