import Foundation

/// Compiled Vectorscan databases kept on disk, so a large rule set compiles once per machine rather
/// than once per run (about 0.4 s for 150 rules, measured).
///
/// A file holds the exact compile inputs (library version, every expression with its mode and id)
/// followed by the serialized database; a load compares the inputs byte for byte, so a hash collision
/// in the file name can only cost a recompile, never serve the wrong database.
struct VectorscanDatabaseCache: Sendable {
    var directory: URL

    private static let magic = Array("hush-vectorscan-cache-1\n".utf8)
    /// Files beyond this many (oldest first) are removed when a new one is written.
    private static let keptFiles = 8

    /// The database compiled from `expressions`, if a matching one is on disk.
    func load(_ expressions: [VectorscanExpression]) -> VectorscanDatabase? {
        let key = Self.key(expressions)
        guard let data = FileManager.default.contents(atPath: fileURL(key).path) else { return nil }
        let bytes = [UInt8](data)
        let header = Self.magic + Self.lengthPrefix(key.count) + key
        guard bytes.count > header.count, bytes.starts(with: header) else { return nil }
        return try? VectorscanDatabase(serialized: Array(bytes[header.count...]))
    }

    /// Saves `database` for `expressions`; failures are ignored, since the cache is only an optimisation.
    func store(_ database: VectorscanDatabase, for expressions: [VectorscanExpression]) {
        guard let serialized = database.serialized() else { return }
        let key = Self.key(expressions)
        let file = fileURL(key)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            // Write aside then rename, so a concurrent run never reads half a file.
            let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)")
            try Data(Self.magic + Self.lengthPrefix(key.count) + key + serialized).write(to: temporary)
            _ = try? manager.removeItem(at: file)
            try manager.moveItem(at: temporary, to: file)
        } catch {
            return
        }
        prune(keeping: file)
    }

    private func prune(keeping current: URL) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        let files = names.filter { $0.hasPrefix("vectorscan-") && $0.hasSuffix(".db") }
            .map { directory.appendingPathComponent($0) }
            .filter { $0.lastPathComponent != current.lastPathComponent }
        guard files.count >= Self.keptFiles else { return }
        func modified(_ url: URL) -> Date {
            ((try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        for old in files.sorted(by: { modified($0) < modified($1) }).prefix(files.count - Self.keptFiles + 1) {
            try? manager.removeItem(at: old)
        }
    }

    private func fileURL(_ key: [UInt8]) -> URL {
        directory.appendingPathComponent("vectorscan-\(String(Self.fnv1a(key), radix: 16)).db")
    }

    /// Everything the compiled database depends on, unambiguously encoded.
    static func key(_ expressions: [VectorscanExpression]) -> [UInt8] {
        var key = Array(VectorscanDatabase.libraryVersion.utf8) + [0]
        for expression in expressions {
            let mode: UInt8 = switch expression.mode {
            case .exact: 1
            case .prefilter: 2
            case .caselessLiteral: 3
            }
            let pattern = Array(expression.pattern.utf8)
            key += [mode] + lengthPrefix(Int(expression.id)) + lengthPrefix(pattern.count) + pattern
        }
        return key
    }

    private static func lengthPrefix(_ value: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    static var defaultDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("hush")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/hush")
    }
}
