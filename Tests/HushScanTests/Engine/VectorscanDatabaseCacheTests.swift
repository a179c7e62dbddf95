import Foundation
import Testing
@testable import HushScan

@Suite struct VectorscanDatabaseCacheTests {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hush-cache-test-\(UUID().uuidString)")

    func options() -> ScanEngine.Options {
        var options = ScanEngine.Options(cacheDirectory: directory)
        options.slowCompile = .zero  // cache every compile
        return options
    }

    func cacheFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".db") }.map { directory.appendingPathComponent($0) }
    }

    static let text = Array("x = 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\nhushkey_0123456789abcdef\n".utf8)
    static let rules = [ScanEngineTests.github, ScanEngineTests.lookaround]

    @Test func aSecondBuildLoadsTheCachedDatabaseAndScansTheSame() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try makeEngine(Self.rules, options: options())
        #expect(!first.loadedFromCache)
        #expect(cacheFiles().count == 1)
        let second = try makeEngine(Self.rules, options: options())
        #expect(second.loadedFromCache)
        #expect(scan(second, Self.text) == scan(first, Self.text))
        #expect(scan(second, Self.text).count == 2)
    }

    @Test func aDifferentRuleSetGetsItsOwnEntry() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try makeEngine(Self.rules, options: options())
        let other = try makeEngine([ScanEngineTests.github], options: options())
        #expect(!other.loadedFromCache)
        #expect(cacheFiles().count == 2)
    }

    @Test func aDamagedEntryIsRecompiled() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try makeEngine(Self.rules, options: options())
        let file = try #require(cacheFiles().first)
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 100).write(to: file)
        let rebuilt = try makeEngine(Self.rules, options: options())
        #expect(!rebuilt.loadedFromCache)
        #expect(scan(rebuilt, Self.text).count == 2)
    }

    @Test func fastCompilesAreNotCached() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = options()
        options.slowCompile = .seconds(3600)
        _ = try makeEngine(Self.rules, options: options)
        #expect(cacheFiles().isEmpty)
    }
}
