import Foundation

/// A fresh folder under the system temp folder (mode 0755, so an unprivileged `hush` can read it),
/// removed with everything in it when the value is released. Every test target uses this one.
public final class ScratchFolder: @unchecked Sendable {
    /// Why a scratch folder could not make what a test asked for.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let path: String

    public init(prefix: String = "hush-test") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The full path of `relative` inside the folder (nothing is created).
    public func file(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `text` at `relative`, creating folders; returns the full path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = file(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: file(relative), encoding: .utf8)
    }

    /// A symbolic link at `relative` pointing at `target` (as written: relative targets stay relative).
    public func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: file(relative), withDestinationPath: target)
    }

    /// A FIFO at `relative`.
    public func fifo(_ relative: String) throws {
        guard mkfifo(file(relative), 0o644) == 0 else {
            throw Failure(description: "mkfifo \(relative): \(String(cString: strerror(errno)))")
        }
    }
}
