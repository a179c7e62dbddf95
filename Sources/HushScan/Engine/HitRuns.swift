/// The Vectorscan hits of one scan, kept as runs of consecutive end offsets per expression id.
///
/// A pattern such as `[A-Za-z0-9]{32,}` reports an end offset at every byte of a long token; storing
/// runs instead of single offsets keeps that cheap, and still answers "does some match end here?" exactly.
final class HitRuns {
    /// End offsets `first...last` (each one past a match's last byte) of expression `id`.
    struct Run: Sendable, Hashable, Comparable {
        var id: UInt32
        var first: Int
        var last: Int

        static func < (lhs: Run, rhs: Run) -> Bool {
            (lhs.id, lhs.first, lhs.last) < (rhs.id, rhs.first, rhs.last)
        }
    }

    /// Sorted by id then offset, and merged, once `normalize()` has run.
    private(set) var runs: [Run] = []
    /// Added to every recorded end offset (set while scanning a chunk of a larger buffer).
    var offset = 0

    private let idCount: Int
    // Raw buffers rather than arrays: `record` runs once per Vectorscan hit, and class-held arrays would
    // pay exclusivity and uniqueness checks on each write.
    private let pendingFirst: UnsafeMutablePointer<Int>
    private let pendingLast: UnsafeMutablePointer<Int>
    private var active: [UInt32] = []

    init(idCount: Int) {
        self.idCount = idCount
        pendingFirst = .allocate(capacity: max(idCount, 1))
        pendingLast = .allocate(capacity: max(idCount, 1))
        pendingFirst.initialize(repeating: -1, count: max(idCount, 1))
        pendingLast.initialize(repeating: -1, count: max(idCount, 1))
    }

    deinit {
        pendingFirst.deallocate()
        pendingLast.deallocate()
    }

    /// Forgets every hit, keeping the storage.
    func reset() {
        for id in active { pendingLast[Int(id)] = -1 }
        active.removeAll(keepingCapacity: true)
        runs.removeAll(keepingCapacity: true)
        offset = 0
    }

    /// Notes that a match of expression `id` ends at `end` (relative to `offset`).
    func record(id: UInt32, end: Int) {
        let index = Int(id)
        guard index < idCount else { return }
        let end = end + offset
        let last = pendingLast[index]
        if last == end - 1 {
            pendingLast[index] = end
            return
        }
        if last == end { return }
        if last >= 0 {
            runs.append(Run(id: id, first: pendingFirst[index], last: last))
        } else {
            active.append(id)
        }
        pendingFirst[index] = end
        pendingLast[index] = end
    }

    /// Adds a run directly (keyword hits copied onto the rules that use the keyword).
    func append(_ run: Run) {
        runs.append(run)
    }

    /// Flushes pending runs, sorts by id then offset, and merges runs that overlap or touch.
    func normalize() {
        for id in active {
            let index = Int(id)
            runs.append(Run(id: id, first: pendingFirst[index], last: pendingLast[index]))
            pendingLast[index] = -1
        }
        active.removeAll(keepingCapacity: true)
        guard runs.count > 1 else { return }
        runs.sort()
        var merged = 0
        for index in 1..<runs.count {
            let run = runs[index]
            if run.id == runs[merged].id, run.first <= runs[merged].last + 1 {
                runs[merged].last = max(runs[merged].last, run.last)
            } else {
                merged += 1
                runs[merged] = run
            }
        }
        runs.removeLast(runs.count - merged - 1)
    }
}

extension Array where Element == HitRuns.Run {
    /// Whether some run in this sorted, merged slice contains `end`.
    func containsEnd(_ end: Int, in range: Range<Int>) -> Bool {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if self[mid].last < end {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low < range.upperBound && self[low].first <= end
    }
}
