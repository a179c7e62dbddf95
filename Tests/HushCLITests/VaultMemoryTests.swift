import Foundation
import HushTestSupport
import Testing

/// Where decrypted values live in a running hush: a child is caught at the end of its work (blocked
/// writing its output to a pipe nobody reads yet) and its whole memory is searched for the values.
/// Copies are allowed only inside libsodium's guarded allocations, which are the mappings the kernel
/// flags "dd" (`sodium_malloc` marks them MADV_DONTDUMP).
@Suite("Decrypted values stay in guarded memory")
struct VaultMemoryTests {
    static let marker = Array("HUSHMARK-".utf8)

    struct Region {
        var start: UInt64
        var end: UInt64
        var readable: Bool
        var guarded: Bool
        var name: String
    }

    /// A /proc file read to its end (Foundation trusts st_size, which is 0 there).
    static func procFile(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    static func regions(of pid: Int32) throws -> [Region] {
        let smaps = procFile("/proc/\(pid)/smaps")
        var regions: [Region] = []
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), fields.count >= 5, !line.hasPrefix("VmFlags") {
                let bounds = range.split(separator: "-").compactMap { UInt64($0, radix: 16) }
                guard bounds.count == 2 else { continue }
                regions.append(Region(
                    start: bounds[0], end: bounds[1], readable: fields[1].hasPrefix("r"), guarded: false,
                    name: fields.count > 5 ? String(fields[5]) : ""))
            } else if line.hasPrefix("VmFlags:"), !regions.isEmpty {
                regions[regions.count - 1].guarded = fields.contains("dd")
            }
        }
        return regions
    }

    /// Marker hits outside and inside guarded mappings.
    static func markerHits(in pid: Int32) throws -> (outside: [String], guarded: Int) {
        let memory = open("/proc/\(pid)/mem", O_RDONLY)
        guard memory >= 0 else { throw CLIFailure(message: "cannot open /proc/\(pid)/mem: \(String(cString: strerror(errno)))") }
        defer { close(memory) }
        var outside: [String] = []
        var guarded = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for region in try regions(of: pid) where region.readable && region.name != "[vvar]" && region.name != "[vsyscall]" {
            var offset = region.start
            while offset < region.end {
                let want = Int(min(UInt64(buffer.count), region.end - offset))
                let got = buffer.withUnsafeMutableBytes { pread(memory, $0.baseAddress, want, off_t(Int64(bitPattern: offset))) }
                guard got > 0 else { break }
                var index = 0
                while index + marker.count <= got {
                    if buffer[index] == marker[0], Array(buffer[index..<(index + marker.count)]) == marker {
                        if region.guarded { guarded += 1 } else {
                            outside.append(String(format: "%@ at 0x%llx", region.name.isEmpty ? "anonymous" : region.name, offset + UInt64(index)))
                        }
                        index += marker.count
                    } else {
                        index += 1
                    }
                }
                // A marker split across two reads is found in the next read's overlap.
                offset += UInt64(max(got - marker.count, 1))
            }
        }
        return (outside, guarded)
    }

    /// Runs hush with stdout to a pipe that is not read until hush blocks writing to it, then searches its memory.
    static func inspect(_ sandbox: VaultCLISandbox, _ arguments: [String]) throws -> (outside: [String], guarded: Int, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HushBinary.path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HUSH_") }
        environment["HOME"] = sandbox.directory
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        var blocked = false
        for _ in 0..<400 where process.isRunning {
            // Blocked in write(1, …) on the full pipe: every value has been decrypted and rendered.
            let syscall = procFile("/proc/\(pid)/syscall")
            if syscall.hasPrefix("1 0x1 ") { blocked = true; break }
            usleep(50_000)
        }
        let hits = blocked ? try markerHits(in: pid) : (outside: ["hush never blocked on its output"], guarded: 0)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (hits.outside, hits.guarded, data)
    }

    @Test("export of 6,000 entries and get of a large value: no copy of any value outside guarded memory")
    func noCopiesOutsideGuardedMemory() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        // The marker is split in the JSON (HUSH\u004dARK) so no unescaped copy exists before hush decodes it.
        let lines = (0..<6000).map { #"{"name":"m/entry-\#($0)","value":"HUSH\u004dARK-\#($0)-x7Qp9zT4"}"# }.joined(separator: "\n")
        #expect(try sandbox.vaultRun("import", [], input: Data(lines.utf8)).status == 0)
        let big = String(repeating: "HUSH" + "MARK-big-value-", count: 8000)
        #expect(try sandbox.vaultRun("set", ["big"], input: Data(big.utf8)).status == 0)
        let common = ["--vault", sandbox.vault, "--password-file", sandbox.passwordFile]

        let export = try Self.inspect(sandbox, ["vault", "export"] + common + ["--prefix", "m", "--format", "env"])
        #expect(export.outside.count == 0, "copies outside guarded memory: \(export.outside.prefix(10))")
        #expect(export.guarded >= 6000, "the values must be found in guarded memory (else the search proves nothing)")
        #expect(String(decoding: export.output, as: UTF8.self).split(separator: "\n").count == 6000)

        let get = try Self.inspect(sandbox, ["vault", "get"] + common + ["big"])
        #expect(get.outside.count == 0, "copies outside guarded memory: \(get.outside.prefix(10))")
        #expect(get.guarded >= 8000)
        #expect(get.output == Data(big.utf8))
    }
}
