import Testing
@testable import HushScan

@Suite struct HitRunsTests {
    @Test func consecutiveEndsBecomeOneRun() {
        let hits = HitRuns(idCount: 3)
        for end in [10, 11, 12, 13, 20, 21] { hits.record(id: 1, end: end) }
        hits.record(id: 0, end: 5)
        hits.normalize()
        #expect(hits.runs == [
            HitRuns.Run(id: 0, first: 5, last: 5), HitRuns.Run(id: 1, first: 10, last: 13),
            HitRuns.Run(id: 1, first: 20, last: 21),
        ])
    }

    @Test func outOfOrderAndRepeatedHitsMerge() {
        let hits = HitRuns(idCount: 1)
        for end in [12, 13, 10, 11, 13, 14, 11] { hits.record(id: 0, end: end) }
        hits.normalize()
        #expect(hits.runs == [HitRuns.Run(id: 0, first: 10, last: 14)])
    }

    @Test func offsetShiftsEndsAndResetForgets() {
        let hits = HitRuns(idCount: 1)
        hits.offset = 100
        hits.record(id: 0, end: 1)
        hits.normalize()
        #expect(hits.runs == [HitRuns.Run(id: 0, first: 101, last: 101)])
        hits.reset()
        hits.record(id: 0, end: 1)
        hits.normalize()
        #expect(hits.runs == [HitRuns.Run(id: 0, first: 1, last: 1)])
    }

    @Test func containsEndSearchesOnlyTheGivenRuns() {
        let runs = [
            HitRuns.Run(id: 0, first: 1, last: 3), HitRuns.Run(id: 1, first: 5, last: 9),
            HitRuns.Run(id: 1, first: 20, last: 20),
        ]
        #expect(runs.containsEnd(7, in: 1..<3))
        #expect(runs.containsEnd(20, in: 1..<3))
        #expect(!runs.containsEnd(2, in: 1..<3))
        #expect(!runs.containsEnd(10, in: 1..<3))
        #expect(runs.containsEnd(2, in: 0..<1))
    }
}
