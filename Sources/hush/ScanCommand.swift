import ArgumentParser
import Foundation
import HushScan

/// `hush scan`: parse flags, load rules, run a `Scan`, render the report, pick the exit code.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files and directories for leaked credentials.",
        discussion: """
            hush reads every file under each PATH, on all cores, and reports the credentials its \
            rules find: API tokens, cloud keys, private keys, passwords in connection strings. It \
            skips binary files, files over --max-file-size, git's internals (.git/), FIFOs, sockets \
            and devices. It never follows a symbolic link: a link into the tree is scanned at its \
            target, a link out of the tree is left alone. Paths it cannot read are listed in the \
            report and the scan goes on; add --strict to fail on them.

            Secrets are shown as their first 4 characters and "…" in every format, unless you add \
            --show-secrets.

            Leave paths out with --exclude GLOB, or with a .hushignore file at the root of a \
            scanned directory: one glob per line, '#' starts a comment. A glob without '/' matches \
            a name at any depth ('*.min.js', 'node_modules'); one with '/' is anchored at the root \
            ('vendor/**', 'docs/examples/'). A line of scanned text containing hush:allow silences \
            findings on that line (hush:allow RULE-ID only that rule's); hush:allow-next-line \
            silences the line below.

            In a git repository (a working tree root, a bare repository, or one met inside a \
            scanned folder) hush also scans the whole history of every ref: branches, tags, \
            remote-tracking refs, stashes and notes. Each blob is scanned once however many \
            commits hold it, and each history finding names the commit that introduced it and \
            whether HEAD still has it. --no-history skips history; --branch, --since and \
            --commits narrow it; --staged scans only what is staged and --diff BASE..HEAD only \
            what a range added. A shallow or partial clone is scanned as far as it goes, and the \
            missing part is reported.

            Container images are read by what their bytes are, wherever they are met: a docker \
            save tarball (either layout), an OCI layout as a tarball or a directory (every \
            platform of a multi-platform index). Every file of every layer is scanned, those a \
            later layer deletes or overwrites included (a finding says "deleted in layer 4": it is \
            still in the image), and so are the config's Env, Labels, Entrypoint, Cmd and build \
            history. Archives (tar, tar.gz, zip, jar, war, whl...) inside files and layers are \
            opened down to --max-archive-depth, their members reported as ARCHIVE!MEMBER. Nothing \
            is unpacked to disk; damaged layers, bombs and hostile names are reported and the rest \
            is scanned.

            Exit status: 0 no findings, 1 findings, 2 usage or fatal error (and, with --strict, \
            paths that could not be read).

            Examples:
              hush scan .                                 scan the current directory
              git diff --cached | hush scan -             scan standard input
              hush scan -o hush.sarif --format sarif .    a report for GitHub code scanning
              hush scan -o known.json --format json .     record today's findings ...
              hush scan --baseline known.json .           ... then report only new ones
              hush scan --exclude 'vendor/**' --exclude '*.min.js' src
              hush scan --rules my-rules.yaml --min-confidence high .
              hush scan --staged .                        before a commit: only what is staged
              hush scan --diff origin/main..HEAD .        in a pull request: only what it adds
              docker save app:1.4 -o app.tar && hush scan app.tar     every layer of an image
            """)

    @Argument(
        help: ArgumentHelp("Files or directories to scan; '-' reads standard input.", valueName: "path"),
        completion: .file())
    var paths: [String] = ["."]

    @Option(help: "Report format: text (for people), json (docs/json-schema.md), sarif (SARIF 2.1.0), csv, junit, github (Actions annotations), gitlab (GitLab secret detection report) or markdown (a pull-request comment).")
    var format: ReportFormat = .text

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"),
        completion: .file())
    var output: String?

    @Flag(help: "Show secrets in full. By default every format shows only their first 4 characters.")
    var showSecrets = false

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "Add the rules in a YAML file, or in every .yaml/.yml file of a folder, to the built-in rules (repeatable).",
            valueName: "path"),
        completion: .file())
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin-rules"), help: "Use only the rules given with --rules.")
    var noBuiltinRules = false

    @Option(
        help: ArgumentHelp(
            "Skip files larger than this: bytes, or a number with a unit (25MB, 512KiB, 1GiB; KB/MB/GB are powers of 1000).",
            valueName: "size"))
    var maxFileSize: ByteSize?

    @Option(
        name: .customLong("max-archive-depth"),
        help: ArgumentHelp(
            "Archive levels to open inside files and image layers (app.jar!lib/inner.jar!x.yml is 2); 0 opens none.",
            valueName: "n"))
    var maxArchiveDepth = ScanOptions.defaultMaxArchiveDepth

    @Option(
        help: ArgumentHelp(
            "Skip paths matching GLOB, relative to each scanned folder (repeatable; '**' spans folders).",
            valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "Exit with status 2 if any path could not be read.")
    var strict = false

    @Flag(name: [.short, .long], help: "List every skipped path, and say which rules the engine runs how.")
    var verbose = false

    @Flag(help: "Never use colour. Colour is only used on a terminal, and never when NO_COLOR is set.")
    var noColor = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "Hide findings already in FILE, a report written earlier with --format json (matched by fingerprint).",
            valueName: "file"),
        completion: .file())
    var baseline: String?

    @Flag(help: "Report only findings an offline check (checksum or structure) confirmed as valid.")
    var onlyValid = false

    @Option(help: ArgumentHelp("Report only findings of rules at least this confident: low, medium or high.", valueName: "level"))
    var minConfidence: Rule.Confidence?

    @Option(
        help: ArgumentHelp(
            "Fail (exit with --exit-code) only on findings at least this confident: low (default), medium or high. Others are still reported.",
            valueName: "level"))
    var failOn: Rule.Confidence?

    @Option(
        help: ArgumentHelp(
            "Read settings from FILE instead of each scanned folder's .hush.yaml (see 'hush config init'); repositories inside the folders still keep their own.",
            valueName: "file"),
        completion: .file())
    var config: String?

    @Flag(help: "Ignore .hush.yaml files and the fingerprint lines of .hushignore files (their path globs still apply), the scanned folders' and those of repositories inside them.")
    var noConfig = false

    @Flag(help: "Report every finding: no hush:allow comment, baseline, ignore list, allow list or filter hides any.")
    var noSuppress = false

    @Flag(help: "Append the fingerprint of every finding reported to the first scanned folder's .hushignore (each under a comment naming rule, path and line), so the next scan hides them.")
    var writeIgnore = false

    @Option(help: ArgumentHelp("Exit status when findings fail the scan (default 1; 2 stays 'could not scan').", valueName: "n"))
    var exitCode: Int32 = 1

    @Flag(help: "Read every file as text: no Kubernetes, compose or Dockerfile structure, so no hygiene findings (encoded values are still decoded).")
    var textOnly = false

    @Option(
        help: ArgumentHelp(
            "Report only this kind of finding (repeatable): secret (a credential), or hygiene (a practice that leaks one: a secret-named Dockerfile ARG, a Secret manifest in git). Default: both.",
            valueName: "kind"))
    var kind: [Rule.Kind] = []

    @Flag(help: "Scan only the working tree of a repository, not its history.")
    var noHistory = false

    @Option(name: .customLong("branch"), help: ArgumentHelp("Scan only the history of REF (repeatable; default: every ref).", valueName: "ref"))
    var branches: [String] = []

    @Option(help: ArgumentHelp("Scan only commits after DATE (any date git accepts: 2024-01-31, '2 weeks ago').", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Scan only the history of the commits in RANGE (A..B).", valueName: "range"))
    var commits: String?

    @Flag(help: "Scan only what is staged, with the staged version's line numbers (the pre-commit case).")
    var staged = false

    @Option(help: ArgumentHelp("Scan only what the commits of RANGE (BASE..HEAD) added, not the working tree (the pull-request case).", valueName: "range"))
    var diff: String?

    var history: GitHistoryOptions {
        var history = GitHistoryOptions()
        history.enabled = !noHistory
        history.refs = branches
        history.since = since
        history.commits = commits
        history.diff = diff
        history.staged = staged
        return history
    }

    func validate() throws {
        if !(0...16).contains(maxArchiveDepth) { throw ValidationError("--max-archive-depth must be between 0 and 16.") }
        let narrowing = [staged ? "--staged" : nil, diff.map { _ in "--diff" }, commits.map { _ in "--commits" }].compactMap { $0 }
        if narrowing.count > 1 { throw ValidationError("\(narrowing.joined(separator: " and ")) cannot be combined.") }
        if noHistory && (diff != nil || commits != nil || !branches.isEmpty || since != nil) {
            throw ValidationError("--no-history cannot be combined with --branch, --since, --commits or --diff.")
        }
        for revision in branches + [commits, diff, since].compactMap({ $0 }) where revision.hasPrefix("-") || revision.isEmpty {
            throw ValidationError("'\(revision)' is not a ref, range or date.")
        }
        for range in [commits, diff].compactMap({ $0 }) where !range.contains("..") {
            throw ValidationError("'\(range)' is not a range: write BASE..HEAD.")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        if paths.isEmpty { throw ValidationError("Give at least one path to scan.") }
        if noBuiltinRules && rulePaths.isEmpty { throw ValidationError("--no-builtin-rules needs at least one --rules PATH.") }
    }

    /// The scanned folders (the paths that are folders; `.` when none is named).
    private var scannedFolders: [String] {
        paths.filter { path in
            var isDirectory: ObjCBool = false
            return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    private static func file(_ name: String, in folder: String) -> String {
        (folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/") + name
    }

    /// The fingerprint lines of each scanned folder's `.hushignore`.
    private func ignoreFileFingerprints() -> [HushConfiguration.IgnoreEntry] {
        scannedFolders.flatMap { folder -> [HushConfiguration.IgnoreEntry] in
            let path = Self.file(PathFilter.ignoreFileName, in: folder)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return PathFilter.fingerprints(inIgnoreFile: text, path: path)
        }
    }

    /// `--write-ignore`: the findings' fingerprints (every place's) appended to the first scanned
    /// folder's `.hushignore`, each under a comment that names it. No secret is written.
    private func appendToIgnoreFile(_ findings: [Finding]) throws(ScanCommandError) {
        guard !findings.isEmpty else { return }
        let folder = scannedFolders.first ?? "."
        let path = Self.file(PathFilter.ignoreFileName, in: folder)
        var text = ""
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.isEmpty, !existing.hasSuffix("\n") { text += "\n" }
        let day = IgnoreList.dayString(Date())
        for finding in findings.flatMap(\.everyPlace) {
            text += "# \(finding.ruleID) \(finding.origin.path):\(finding.start.line) (hush scan --write-ignore, \(day))\n\(finding.fingerprint)\n"
        }
        do {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .cannotWriteReport(path: path, reason: ErrorText.file(error, path: path, writing: true))
        }
        Self.note("added \(findings.flatMap(\.everyPlace).count) fingerprint(s) to \(path).")
    }

    /// The configuration: `--config FILE`, else every scanned folder's `.hush.yaml`, merged.
    private func loadConfiguration() throws(ConfigurationError) -> HushConfiguration {
        if noConfig { return HushConfiguration() }
        if let config { return try HushConfiguration.load(path: config) }
        var merged = HushConfiguration()
        for folder in scannedFolders {
            let file = Self.file(HushConfiguration.fileName, in: folder)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            merged = merged.merged(with: try HushConfiguration.load(path: file))
        }
        return merged
    }

    func run() throws {
        let configuration = try loadConfiguration()
        let (ruleSet, userRuleFiles) = try loadRules(configuration)
        let minConfidence = self.minConfidence ?? configuration.minConfidence ?? .low
        let failOn = self.failOn ?? configuration.failOn ?? .low
        let maxFileSize = self.maxFileSize?.bytes ?? configuration.maxFileSize ?? ScanOptions.defaultMaxFileSize
        let ignoreList = IgnoreList(configuration.ignore + (noConfig ? [] : ignoreFileFingerprints()))
        for entry in ignoreList.expired {
            Self.note("ignore entry \(entry.fingerprint.prefix(12))… (\(entry.source)\(entry.reason.map { ", " + $0 } ?? "")) expired on \(entry.expires ?? ""): no longer hiding it.")
        }
        let engine: ScanEngine
        // Invalid matches come back so that a look-alike (a token with a bad checksum) still claims
        // its bytes against weaker rules; FindingBuilder never reports them.
        do { engine = try ScanEngine(ruleSet: ruleSet, options: .init(keepInvalid: true)) } catch {
            throw error.loadError(in: ruleSet)
        }
        if !userRuleFiles.isEmpty, let failure = RuleExampleCheck.failures(engine: engine, files: userRuleFiles).first {
            throw failure.loadError
        }
        let filter = FindingFilter(
            minConfidence: minConfidence, onlyValid: onlyValid,
            baseline: try baseline.map { path throws(BaselineError) in try Baseline(contentsOf: path) } ?? Baseline(),
            kinds: kind.isEmpty ? [.secret, .hygiene] : Set(kind))
        var filterWithConfiguration = filter
        filterWithConfiguration.allowlist = Allowlist(configuration.allow, stopwords: configuration.stopwords)
        filterWithConfiguration.ignoreList = ignoreList
        let options = ScanOptions(
            paths: paths, exclude: exclude + configuration.exclude, maxFileSize: maxFileSize,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, filter: filterWithConfiguration, history: history)
        // Progress only where a person watches: a text report, stderr a terminal, not CI (never in a report).
        var scanOptions = options
        scanOptions.maxArchiveDepth = maxArchiveDepth
        scanOptions.suppress = !noSuppress
        scanOptions.repositoryConfiguration = !noConfig
        scanOptions.progress = format == .text && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        if verbose { describeEngine(engine, options: options) }

        let result = try Scan(
            engine: engine, options: scanOptions, sources: nil,
            analyzers: textOnly ? Scan.textOnlyAnalyzers : Scan.defaultAnalyzers
        ).run()

        var settings = ReportSettings(
            redaction: showSecrets ? .shown : .redacted, color: useColor, verbose: verbose,
            toolVersion: HushVersion.string, rules: ruleSet.rules)
        settings.failOn = failOn
        try write(format.render(result, settings: settings))
        for note in result.notes { Self.note(note) }
        if format != .text || toFile {
            // The report may be a file or a machine format: say on the terminal what went wrong.
            for error in result.errors { Self.note("cannot read \(error.path): \(error.reason)") }
        }
        if toFile, let output {
            // A CI log then still says what the scan found.
            Self.note(result.oneLineSummary + " Report: \(output).")
        }
        // Files the user named (folders are walked: an unreadable file inside one is an error, not a failure).
        if writeIgnore { try appendToIgnoreFile(result.findings) }
        let named = Set(paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
        let status = result.exitStatus(strict: strict, failOn: failOn, findingsStatus: exitCode, named: named)
        if status == 2 {
            if let unread = result.errors.first(where: { named.contains($0.path) }) {
                Self.note("\(unread.path) was named on the command line and could not be read: failing.")
            } else {
                Self.note("\(result.errors.count) path(s) could not be read; failing because of --strict.")
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The rules to scan with, and the files the user added (whose examples are checked before use).
    private func loadRules(_ configuration: HushConfiguration) throws(RuleLoadError) -> (RuleSet, Set<String>) {
        var ruleSet = noBuiltinRules ? RuleSet() : try RuleSet.builtin()
        let builtinFiles = Set(ruleSet.sourceFile.values)
        for path in rulePaths + configuration.ruleFiles { try ruleSet.add(path: path) }
        ruleSet.select(only: [], disabled: Set(configuration.disabledRules))
        ruleSet.setMinimumEntropy(configuration.entropy)
        return (ruleSet, Set(ruleSet.sourceFile.values).subtracting(builtinFiles))
    }

    private var useColor: Bool {
        guard !noColor, !toFile, isatty(STDOUT_FILENO) == 1 else { return false }
        let environment = ProcessInfo.processInfo.environment
        // NO_COLOR (no-color.org) set to anything, or a terminal that says it has no colour.
        return (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// `-o FILE`, not `-o -` (standard output).
    private var toFile: Bool { output != nil && output != "-" }

    private func write(_ report: String) throws(ScanCommandError) {
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(Data(report.utf8))
            return
        }
        // A regular file is replaced atomically (a reader never sees half a report); anything
        // else (/dev/null, /dev/stdout, a FIFO) is written in place, never replaced by a file.
        var status = stat()
        let special = stat(output, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG
        do {
            if special {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(report.utf8))
            } else {
                try Data(report.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            }
        } catch {
            throw .cannotWriteReport(path: output, reason: ErrorText.file(error, path: output, writing: true))
        }
    }

    private func describeEngine(_ engine: ScanEngine, options: ScanOptions) {
        let files = Set(engine.ruleSet.rules.compactMap { engine.ruleSet.sourceFile[$0.id] }).count
        Self.note("\(engine.ruleSet.rules.count) rules from \(files) file(s); \(options.threads) thread(s); "
            + "files over \(ByteSize(bytes: options.maxFileSize)) skipped.")
        let fallback = engine.fallbackRuleIDs
        if !fallback.isEmpty {
            Self.note("rules run behind keywords or Vectorscan's prefilter mode, then PCRE2: " + fallback.joined(separator: ", "))
        }
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("hush: \(message)\n".utf8))
    }
}

/// Why `hush scan` could not run to the end. Each says where, and never holds a secret.
enum ScanCommandError: Error, LocalizedError {
    case cannotWriteReport(path: String, reason: String)

    var errorDescription: String? {
        switch self {
        case .cannotWriteReport(let path, let reason): "\(path): cannot write the report: \(reason)"
        }
    }
}
