@testable import HushScan
import Testing

@Suite struct ProgressMeterTests {
    @Test func theLineSaysBlobsSizeAndRate() {
        #expect(ProgressMeter.line(blobs: 12345, bytes: 250_000_000, seconds: 2) == "scanning: 12,345 blobs, 250.0 MB, 125.0 MB/s")
        #expect(ProgressMeter.line(blobs: 3, bytes: 2_700_000_000, seconds: 0) == "scanning: 3 blobs, 2.70 GB, 0.0 MB/s")
        #expect(ProgressMeter.line(blobs: 40, bytes: 1_000_000, seconds: 1, layers: (2, 5)) == "scanning: layers 2/5, 40 blobs, 1.0 MB, 1.0 MB/s")
    }

    @Test func countsAddUpAcrossThreads() async {
        let meter = ProgressMeter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { for _ in 0..<1000 { meter.add(bytes: 10) } } }
        }
        meter.finish(shown: false)
        #expect(meter.totals == (4000, 40000))
    }
}
