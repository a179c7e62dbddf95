import Foundation

/// The settings of a repository met *inside* a scanned folder: its own `.hush.yaml` and
/// `.hushignore`, read when `hush scan .` reaches `services/api/.git`. They apply to the findings
/// under that repository only (its working tree, its history, images in it), and only ever hide
/// more than the scan's own settings do: a team's repository keeps its allow list, ignore list,
/// disabled rules and excludes when an organisation scans a folder of checkouts.
///
/// Settings that shape the scan itself (`rules`, `entropy`, `max_file_size`, `fail_on`) cannot
/// differ within one scan; they are named in `scanWideKeys` so the scan can say they were not used.
package struct RepositorySettings: Sendable {
    /// The repository's display path, as its findings' paths begin.
    package let root: String
    /// The files read, for messages.
    package let files: [String]
    package let scanWideKeys: [String]
    /// Ignore entries past their day (they hide nothing).
    package let expired: [HushConfiguration.IgnoreEntry]

    private let disabled: Set<String>
    private let minConfidence: Rule.Confidence?
    private let exclude: PathFilter
    private let allowlist: Allowlist
    private let ignoreList: IgnoreList

    /// What `.hush.yaml` and `.hushignore` in `directory` say, for findings under `root`; nil when
    /// neither file is there. A file that cannot be read or parsed throws, naming itself. Without
    /// `configuration` (`--no-config`) only the path globs of `.hushignore` are read, as they are at
    /// a scanned folder's root.
    package static func load(
        root: String, directory: String, configuration readsConfiguration: Bool = true, today: Date = Date()
    ) throws(ConfigurationError) -> RepositorySettings? {
        let configPath = directory + "/" + HushConfiguration.fileName
        let ignorePath = directory + "/" + PathFilter.ignoreFileName
        let displayConfig = FileTree.join(root, HushConfiguration.fileName)
        let displayIgnore = FileTree.join(root, PathFilter.ignoreFileName)
        let manager = FileManager.default
        let hasConfiguration = readsConfiguration && manager.fileExists(atPath: configPath)
        guard hasConfiguration || manager.fileExists(atPath: ignorePath) else { return nil }
        var configuration = HushConfiguration()
        var files: [String] = []
        if hasConfiguration {
            let text: String
            do { text = try String(contentsOfFile: configPath, encoding: .utf8) } catch {
                throw .unreadable(path: displayConfig, reason: ErrorText.file(error, path: displayConfig))
            }
            configuration = try HushConfiguration.parse(text, path: displayConfig)
            files.append(displayConfig)
        }
        var globs: [PathGlob] = []
        if manager.fileExists(atPath: ignorePath) {
            let text: String
            do { text = try String(contentsOfFile: ignorePath, encoding: .utf8) } catch {
                throw .unreadable(path: displayIgnore, reason: ErrorText.file(error, path: displayIgnore))
            }
            globs = PathFilter.parseIgnoreFile(text)
            if readsConfiguration { configuration.ignore += PathFilter.fingerprints(inIgnoreFile: text, path: displayIgnore) }
            files.append(displayIgnore)
        }
        let ignoreList = IgnoreList(configuration.ignore, today: today)
        return RepositorySettings(
            root: FingerprintRoots.normalized(root), files: files,
            scanWideKeys: [
                configuration.ruleFiles.isEmpty ? nil : "rules", configuration.entropy.isEmpty ? nil : "entropy",
                configuration.maxFileSize == nil ? nil : "max_file_size", configuration.failOn == nil ? nil : "fail_on",
            ].compactMap { $0 },
            expired: ignoreList.expired,
            disabled: Set(configuration.disabledRules), minConfidence: configuration.minConfidence,
            exclude: PathFilter(patterns: configuration.exclude).adding(globs),
            allowlist: Allowlist(configuration.allow, stopwords: configuration.stopwords), ignoreList: ignoreList)
    }

    /// `path` relative to this repository, when it lies under it.
    func relative(_ path: String) -> String? {
        let path = FingerprintRoots.normalized(path)
        if root.isEmpty { return path }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : nil
    }

    /// Why these settings hide `finding` (a place under `root`), or nil.
    func verdict(for finding: Finding) -> FindingFilter.Verdict? {
        guard let relative = relative(finding.origin.path) else { return nil }
        if disabled.contains(finding.ruleID) || finding.confidence < (minConfidence ?? .low) { return .excluded }
        // An image or archive inside the repository is excluded by its own path (`x.tar!layer/...`).
        let file = String(relative.prefix { $0 != "!" })
        if exclude.excludesPathOrAncestor(file, isDirectory: false) { return .excluded }
        // A fingerprint this repository wrote (`cd services/api && hush scan --write-ignore`) is over
        // the path relative to the repository.
        if !ignoreList.fingerprints.isEmpty, ignoreList.fingerprints.contains(finding.fingerprint)
            || ignoreList.fingerprints.contains(Fingerprint.of(ruleID: finding.ruleID, path: relative, secret: finding.fingerprintSecret)) {
            return .ignored
        }
        if allowlist.allows(finding) { return .allowlisted }
        return nil
    }
}
