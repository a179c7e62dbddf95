import Foundation

/// A commit, as history findings name it.
package struct GitCommit: Sendable, Hashable {
    package var sha: String
    package var author: String
    package var email: String
    /// Author date, ISO 8601 with its offset.
    package var date: String
    /// The first line of the message.
    package var message: String
    /// Author date in seconds since 1970: what orders places in time.
    package var timestamp: Int

    package init(sha: String, author: String, email: String, date: String, message: String, timestamp: Int = 0) {
        self.timestamp = timestamp
        self.sha = sha
        self.author = author
        self.email = email
        self.date = date
        self.message = message
    }
}

/// Which commit introduced which blob at which path: asked of `git log --raw` once per repository,
/// after the scan and only for the blobs that had findings (`--find-object`), so a history
/// without findings costs no tree diffs at all.
enum GitAttribution {
    struct Introduction: Sendable, Hashable {
        var commit: String
        var path: String
    }

    struct Answer: Sendable {
        /// By blob id (hex): every path each blob was introduced at, by the oldest commit that did.
        var introductions: [String: [Introduction]] = [:]
        var commits: [String: GitCommit] = [:]
        /// "path NUL oid" of every blob in HEAD's tree.
        var head: Set<String> = []
    }

    static func attribute(_ oids: Set<String>, in repository: GitRepository, options: GitHistoryOptions) throws(GitError) -> Answer {
        var answer = Answer()
        guard !oids.isEmpty else { return answer }
        var arguments = ["log", "--reverse", "-m", "--raw", "--no-renames", "--no-abbrev", "-z", "--no-ext-diff", "--no-textconv",
                         "--format=%x01%H%x00%an%x00%ae%x00%aI%x00%at%x00%s"]
        arguments += options.revisionOptions
        arguments += oids.sorted().map { "--find-object=" + $0 }
        arguments += ["--end-of-options"] + options.revisions
        let output = try GitProcess.output(in: repository.directory, arguments)
        let tokens = output.split(separator: 0, omittingEmptySubsequences: false)
        var seen: Set<String> = []
        var commit = ""
        var index = 0
        while index < tokens.count {
            var token = tokens[index]
            while token.first == 0x0A { token = token.dropFirst() }
            if token.first == 0x01, index + 5 < tokens.count {
                commit = String(decoding: token.dropFirst(), as: UTF8.self)
                func text(_ offset: Int) -> String { String(decoding: tokens[index + offset], as: UTF8.self) }
                answer.commits[commit] = GitCommit(sha: commit, author: text(1), email: text(2), date: text(3), message: text(5), timestamp: Int(text(4)) ?? 0)
                index += 6
                continue
            }
            if index + 1 < tokens.count, let entry = GitRawEntry(token, path: tokens[index + 1]) {
                if !entry.isDeletion, oids.contains(entry.newObject), seen.insert(entry.path + "\u{0}" + entry.newObject).inserted {
                    answer.introductions[entry.newObject, default: []].append(Introduction(commit: commit, path: entry.path))
                }
                index += 2
                continue
            }
            index += 1
        }
        answer.head = headBlobs(in: repository)
        return answer
    }

    /// HEAD's tree as "path NUL oid"; empty for an unborn HEAD.
    static func headBlobs(in repository: GitRepository) -> Set<String> {
        guard let output = try? GitProcess.output(in: repository.directory, ["ls-tree", "-r", "-z", "--full-tree", "HEAD"]) else { return [] }
        var head: Set<String> = []
        for entry in output.split(separator: 0) {
            // "<mode> SP <type> SP <oid> TAB <path>"
            guard let tab = entry.firstIndex(of: 0x09) else { continue }
            let fields = entry[..<tab].split(separator: 0x20)
            guard fields.count == 3, fields[1] == Array("blob".utf8)[...] else { continue }
            head.insert(String(decoding: entry[(tab + 1)...], as: UTF8.self) + "\u{0}" + String(decoding: fields[2], as: UTF8.self))
        }
        return head
    }
}

/// A scanned repository as SARIF names it: where it lives and what HEAD was.
package struct GitRepositoryState: Sendable, Hashable {
    /// The `origin` remote's URL without any user or password in it, else a `file://` URI.
    package var uri: String
    package var head: String?
    package var branch: String?

    init(describing repository: GitRepository) {
        func ask(_ arguments: [String]) -> String? {
            guard let output = try? GitProcess.output(in: repository.directory, arguments) else { return nil }
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        head = ask(["rev-parse", "--verify", "-q", "HEAD"])
        branch = ask(["symbolic-ref", "-q", "--short", "HEAD"])
        if let remote = ask(["config", "--get", "remote.origin.url"]) {
            uri = Self.withoutCredentials(remote)
        } else {
            let path = URL(fileURLWithPath: repository.directory).standardizedFileURL.path
            uri = URL(fileURLWithPath: path).absoluteString
        }
    }

    /// `https://user:token@host/x` → `https://host/x`: a remote URL can carry a credential.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < slash else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }
}

/// One entry of `git diff --raw -z` / `git log --raw -z`: the token
/// `:OLDMODE NEWMODE OLDOID NEWOID STATUS` (after any newline) and the path token after it.
struct GitRawEntry {
    var newMode: String
    var newObject: String
    var status: UInt8
    var path: String

    init?(_ token: ArraySlice<UInt8>, path: ArraySlice<UInt8>) {
        var token = token
        while token.first == 0x0A { token = token.dropFirst() }
        guard token.first == UInt8(ascii: ":") else { return nil }
        let fields = token.dropFirst().split(separator: 0x20)
        guard fields.count >= 5, let status = fields[4].first else { return nil }
        newMode = String(decoding: fields[1], as: UTF8.self)
        newObject = String(decoding: fields[3], as: UTF8.self)
        self.status = status
        self.path = String(decoding: path, as: UTF8.self)
    }

    var isDeletion: Bool { status == UInt8(ascii: "D") }
    /// A gitlink (a submodule's commit), not a blob.
    var isSubmodule: Bool { newMode == "160000" }
}
