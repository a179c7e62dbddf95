import Foundation

/// Blobs and bytes scanned so far, and a line that says so on a terminal's standard error every
/// half second while a long scan (a big history) runs. Never written to standard output or into
/// a report: `Scan` runs it only when asked (`ScanOptions.progress`, a terminal on stderr).
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var blobs = 0
    private var bytes = 0
    private var layersRead = 0
    private var layerCount = 0
    private var running = true
    private let started = ContinuousClock.now
    private let done = DispatchSemaphore(value: 0)

    func add(bytes count: Int) {
        lock.withLock {
            blobs += 1
            bytes += count
        }
    }

    /// Image layers read so far, of how many the images have.
    func layers(read: Int, of total: Int) {
        lock.withLock {
            layersRead = read
            layerCount = total
        }
    }

    /// Blobs and bytes so far.
    var totals: (blobs: Int, bytes: Int) { lock.withLock { (blobs, bytes) } }

    /// "12,345 blobs, 1.2 GB, 250.0 MB/s": what the terminal shows.
    static func line(blobs: Int, bytes: Int, seconds: Double, layers: (read: Int, total: Int) = (0, 0)) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let size = megabytes >= 1000 ? String(format: "%.2f GB", megabytes / 1000) : String(format: "%.1f MB", megabytes)
        let rate = seconds > 0 ? megabytes / seconds : 0
        let grouped = blobs.formatted(.number.grouping(.automatic)).replacingOccurrences(of: "\u{202F}", with: ",")
        let layerText = layers.total > 0 ? "layers \(layers.read)/\(layers.total), " : ""
        return "scanning: \(layerText)\(grouped) blobs, \(size), \(String(format: "%.1f", rate)) MB/s"
    }

    /// Starts the half-second line on stderr.
    func show() {
        let thread = Thread { [self] in
            while true {
                let (stop, blobs, bytes, layers) = lock.withLock { (!running, self.blobs, self.bytes, (self.layersRead, self.layerCount)) }
                if stop { break }
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if seconds >= 1 {
                    FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Self.line(blobs: blobs, bytes: bytes, seconds: seconds, layers: layers)).utf8))
                }
                Thread.sleep(forTimeInterval: 0.5)
            }
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            done.signal()
        }
        thread.start()
    }

    /// Stops the line and clears it (waits for the printing thread when it was shown).
    func finish(shown: Bool) {
        lock.withLock { running = false }
        if shown { done.wait() }
    }
}
