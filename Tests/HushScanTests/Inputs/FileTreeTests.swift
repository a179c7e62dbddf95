import Foundation
import HushTestSupport
import Testing
@testable import HushScan

@Suite struct FileTreeTests {
    /// Every event of a walk, as (path, outcome) strings: "file", a skip reason, or "error".
    private func walk(_ roots: [String], exclude: [String] = []) throws -> [String: String] {
        var seen: [String: String] = [:]
        try FileTree(roots: roots, filter: PathFilter(patterns: exclude)).walk { event in
            switch event {
            case .file(let entry): seen[entry.displayPath] = "file"
            case .skipped(let skipped): seen[skipped.path] = skipped.reason.rawValue
            case .error(let error): seen[error.path] = "error"
            case .repository(let entry): seen[entry.displayPath] = "repository"
            case .bareRepository(let entry): seen[entry.displayPath] = "bare-repository"
            case .imageLayout(let entry): seen[entry.displayPath] = "image-layout"
            }
        }
        return seen
    }

    @Test func linksAreNeverFollowedAndLoopsEnd() throws {
        let dir = try ScratchFolder()
        try dir.write("src/a.txt", "a")
        try dir.symlink("src/loop", to: "..")              // a directory loop
        try dir.symlink("src/alias.txt", to: "a.txt")      // a file inside the tree
        try dir.symlink("src/etc", to: "/etc")             // out of the tree
        try dir.symlink("src/dangling", to: "missing.txt") // nowhere
        try dir.symlink("src/self", to: "self")            // a link to itself
        let seen = try walk([dir.path])
        let root = dir.path
        #expect(seen == [
            "\(root)/src/a.txt": "file",
            "\(root)/src/loop": "symlink",
            "\(root)/src/alias.txt": "symlink",
            "\(root)/src/etc": "symlink-outside-tree",
            "\(root)/src/dangling": "broken-symlink",
            "\(root)/src/self": "error",
        ])
    }

    @Test func aRootThatIsALinkIsFollowed() throws {
        let dir = try ScratchFolder()
        try dir.write("real/x.txt", "x")
        try dir.symlink("link", to: "real")
        let seen = try walk([dir.path + "/link"])
        #expect(seen == ["\(dir.path)/link/x.txt": "file"])
    }

    @Test func specialFilesAndGitInternalsAreLeftOutAndRepositoriesNamed() throws {
        let dir = try ScratchFolder()
        try dir.fifo("pipe")
        try dir.write(".git/config", "[core]")
        try dir.write(".git/objects/ab/cdef", "blob")
        try dir.write("sub/.git", "gitdir: ../.git/worktrees/sub")
        try dir.write("ok.txt", "ok")
        let seen = try walk([dir.path])
        // `.git` is never walked; the folders holding one are reported as repositories.
        #expect(seen == [
            "\(dir.path)/pipe": "special-file", "\(dir.path)/ok.txt": "file",
            dir.path: "repository", "\(dir.path)/sub": "repository",
        ])
    }

    @Test func excludesAndTheIgnoreFilePrune() throws {
        let dir = try ScratchFolder()
        try dir.write(".hushignore", "# generated\ndist/\n*.log\n!keep.log\n")
        try dir.write("dist/bundle.js", "x")
        try dir.write("logs/keep.log", "x")
        try dir.write("vendor/lib/a.go", "x")
        try dir.write("src/main.go", "x")
        let seen = try walk([dir.path], exclude: ["vendor/**"])
        #expect(seen == [
            "\(dir.path)/.hushignore": "file",
            "\(dir.path)/dist": "excluded",
            "\(dir.path)/logs/keep.log": "excluded",
            "\(dir.path)/vendor": "excluded",
            "\(dir.path)/src/main.go": "file",
        ])
    }

    @Test func overlappingRootsScanEachFileOnce() throws {
        let dir = try ScratchFolder()
        try dir.write("a/b/c.txt", "c")
        try dir.write("a/d.txt", "d")
        var files: [String] = []
        var skipped: [SkippedPath] = []
        try FileTree(roots: [dir.path + "/a/b", dir.path + "/a", dir.path + "/a/d.txt"], filter: PathFilter()).walk {
            switch $0 {
            case .file(let entry): files.append(entry.displayPath)
            case .skipped(let skip): skipped.append(skip)
            case .error: Issue.record("unexpected error")
            case .repository, .bareRepository: Issue.record("unexpected repository")
            case .imageLayout: Issue.record("unexpected image layout")
            }
        }
        #expect(files.sorted() == ["\(dir.path)/a/b/c.txt", "\(dir.path)/a/d.txt"])
        #expect(skipped.map(\.reason) == [.duplicate, .duplicate])
    }

    @Test func namesThatAreNotUTF8StillOpen() throws {
        let dir = try ScratchFolder()
        let name: [UInt8] = Array("bad-".utf8) + [0xFF, 0xFE] + Array(".txt".utf8)
        let path = NativePath(dir.path).appending(component: name)
        let fd = path.withCString { open($0, O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        close(fd)
        var entries: [FileEntry] = []
        try FileTree(roots: [dir.path], filter: PathFilter()).walk {
            if case .file(let entry) = $0 { entries.append(entry) }
        }
        let entry = try #require(entries.first)
        #expect(entry.nativePath == path)
        #expect(entry.displayPath.hasSuffix("bad-\u{FFFD}\u{FFFD}.txt"))
        let reader = FileReader(maxFileSize: 100)
        guard case .read(_, let count) = reader.withContents(ofFileAt: entry.nativePath, { _ in () }) else {
            Issue.record("the file with a non-UTF-8 name did not open")
            return
        }
        #expect(count == 0)
    }

    @Test func aMissingRootIsFatal() throws {
        let dir = try ScratchFolder()
        #expect(throws: FileTreeError.self) { try FileTree(roots: [dir.path + "/nope"], filter: PathFilter()) }
    }

    @Test func rootDisplayKeepsTheUsersSpelling() {
        #expect(FileTree.join(".", "a.txt") == "a.txt")
        #expect(FileTree.join("src/", "a.txt") == "src/a.txt")
        #expect(FileTree.join("./src", "a.txt") == "./src/a.txt")
    }
}
