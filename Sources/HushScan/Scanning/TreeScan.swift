import Foundation

/// A scan of files, directories and standard input: the walker feeds a queue on the calling
/// thread while `threads` workers read, scan and build findings; results are merged and sorted.
public struct TreeScan: Sendable {
    /// The path findings from standard input carry.
    public static let standardInputPath = "<stdin>"
    /// The argument that means standard input.
    public static let standardInputArgument = "-"

    public let engine: ScanEngine
    public let options: ScanOptions

    public init(engine: ScanEngine, options: ScanOptions) {
        self.engine = engine
        self.options = options
    }

    /// Runs the scan. Unreadable paths become `errors` in the result; only a root that cannot be
    /// opened at all throws.
    public func run() throws(FileTreeError) -> ScanResult {
        let clock = ContinuousClock()
        let started = clock.now
        let roots = options.paths.filter { $0 != Self.standardInputArgument }
        let tree = try FileTree(roots: roots, filter: PathFilter(patterns: options.exclude))

        let queue = WorkQueue()
        let sink = ResultSink()
        let finished = DispatchGroup()
        for _ in 0..<max(1, options.threads) {
            finished.enter()
            let thread = Thread {
                sink.add(self.work(queue))
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        if options.paths.contains(Self.standardInputArgument) { queue.push(.standardInput) }
        var walked = ScanResult()
        tree.walk { event in
            switch event {
            case .file(let entry): queue.push(.file(entry))
            case .skipped(let skipped): walked.skipped.append(skipped)
            case .error(let error): walked.errors.append(error)
            }
        }
        queue.close()
        finished.wait()

        var result = walked
        for part in sink.all {
            result.findings += part.findings
            result.errors += part.errors
            result.skipped += part.skipped
            result.filesScanned += part.filesScanned
            result.bytesScanned += part.bytesScanned
            result.suppressed = result.suppressed + part.suppressed
        }
        result.findings.sort(by: Finding.reportOrder)
        result.errors.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        result.skipped.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        let elapsed = clock.now - started
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }

    /// One worker: its own engine scratch, read buffer and partial result.
    private func work(_ queue: WorkQueue) -> ScanResult {
        let scanner = engine.makeWorker()
        let reader = FileReader(maxFileSize: options.maxFileSize)
        let builder = FindingBuilder(ruleSet: engine.ruleSet)
        var partial = ScanResult()
        while let item = queue.pop() {
            let path: String
            let outcome: FileReader.Outcome<FindingBuilder.Output>
            switch item {
            case .file(let entry):
                path = entry.displayPath
                outcome = reader.withContents(ofFileAt: entry.nativePath) { bytes in
                    Self.scan(bytes, origin: Origin(path: path), scanner, builder)
                }
            case .standardInput:
                path = Self.standardInputPath
                outcome = reader.withStandardInput { bytes in
                    Self.scan(bytes, origin: Origin(path: path), scanner, builder)
                }
            }
            switch outcome {
            case .read(let output, let byteCount):
                partial.filesScanned += 1
                partial.bytesScanned += byteCount
                partial.suppressed.inlineAllow += output.allowedInline
                for finding in output.findings {
                    switch options.filter.verdict(for: finding) {
                    case .keep: partial.findings.append(finding)
                    case .inBaseline: partial.suppressed.baseline += 1
                    case .filteredOut: partial.suppressed.filtered += 1
                    }
                }
            case .skipped(let reason):
                partial.skipped.append(SkippedPath(path: path, reason: reason))
            case .failed(let reason):
                partial.errors.append(PathError(path: path, reason: reason))
            }
        }
        return partial
    }

    private static func scan(
        _ bytes: UnsafeRawBufferPointer, origin: Origin, _ scanner: EngineWorker, _ builder: FindingBuilder
    ) -> FindingBuilder.Output {
        let matches = scanner.scan(bytes)
        let layers = scanner.scanDecodedLayers(bytes)
        guard !matches.isEmpty || !layers.isEmpty else { return FindingBuilder.Output(findings: [], allowedInline: 0) }
        return builder.findings(in: bytes, origin: origin, matches: matches, layers: layers)
    }
}
