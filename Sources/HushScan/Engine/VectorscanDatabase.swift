import CVectorscan
import Foundation

/// One expression to put into a Vectorscan database.
struct VectorscanExpression: Sendable {
    /// How Vectorscan should treat the expression.
    enum Mode: Sendable {
        /// Exact regex semantics: every reported end offset ends a real match.
        case exact
        /// Vectorscan's prefiltering approximation: a superset of the real matches.
        case prefilter
        /// A literal, matched case-insensitively (keyword prefilter).
        case caselessLiteral
    }

    var pattern: String
    var mode: Mode
    var id: UInt32
}

/// Vectorscan's result codes (`hs_error_t`), as GRDB names SQLite's: a failure is matched on its
/// code, not on its message.
enum VectorscanResultCode: Int32, Sendable, Hashable {
    case invalid = -1
    case noMemory = -2
    case scanTerminated = -3
    case compilerError = -4
    case databaseVersionError = -5
    case databasePlatformError = -6
    case databaseModeError = -7
    case badAlignment = -8
    case badAllocation = -9
    case scratchInUse = -10
    case unsupportedArchitecture = -11
    case insufficientSpace = -12
    case unknown = -13

    /// The code for a raw `hs_error_t` (any code this enum does not know is `unknown`).
    init(raw: hs_error_t) {
        self = VectorscanResultCode(rawValue: raw) ?? .unknown
    }
}

/// A Vectorscan failure: its code, and its own words.
struct VectorscanError: Error, Sendable {
    var code: VectorscanResultCode
    /// Index of the offending expression in the list given to the compiler, when Vectorscan says.
    var expressionIndex: Int?
    var message: String
}

/// A compiled block-mode Vectorscan database. The only file that calls Vectorscan.
///
/// `@unchecked Sendable`: the database and the prototype scratch are immutable after `init`; Vectorscan
/// documents databases as safe to share between threads, and each worker clones its own scratch.
final class VectorscanDatabase: @unchecked Sendable {
    private let database: OpaquePointer
    private let prototypeScratch: OpaquePointer

    /// Why Vectorscan refuses an expression's syntax (look-around, back-references, possessive
    /// quantifiers...), or nil when it parses. Cheap: it analyses without building a database, so a
    /// few refusals (an expression that matches the empty string, say) only show at `init`.
    static func refusal(of expression: VectorscanExpression) -> String? {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let source = expression.mode == .caselessLiteral ? escapedLiteral(expression.pattern) : expression.pattern
        let code = hs_expression_info(source, flags(for: expression.mode), &info, &error)
        defer {
            free(info)  // hs_expression_info allocates with malloc (no custom allocator is set)
            if let error { hs_free_compile_error(error) }
        }
        guard code == HS_SUCCESS else {
            return error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error code \(code)"
        }
        return nil
    }

    init(expressions: [VectorscanExpression]) throws(VectorscanError) {
        precondition(!expressions.isEmpty, "Vectorscan cannot compile an empty database")
        let sources = expressions.map {
            $0.mode == .caselessLiteral ? Self.escapedLiteral($0.pattern) : $0.pattern
        }
        let flagList = expressions.map { Self.flags(for: $0.mode) }
        let ids = expressions.map(\.id)
        // strdup'd copies so the C array outlives Swift's temporary string bridging.
        let cStrings: [UnsafeMutablePointer<CChar>?] = sources.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let constStrings = cStrings.map { UnsafePointer($0) }

        var compiled: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let code = hs_compile_multi(
            constStrings, flagList, ids, UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil, &compiled, &error)
        guard code == HS_SUCCESS, let compiled else {
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error code \(code)"
            let index = error.map { Int($0.pointee.expression) }.flatMap { $0 >= 0 ? $0 : nil }
            if let error { hs_free_compile_error(error) }
            throw VectorscanError(code: VectorscanResultCode(raw: code), expressionIndex: index, message: message)
        }
        var scratch: OpaquePointer?
        let scratchCode = hs_alloc_scratch(compiled, &scratch)
        guard scratchCode == HS_SUCCESS, let scratch else {
            hs_free_database(compiled)
            throw VectorscanError(
                code: VectorscanResultCode(raw: scratchCode), expressionIndex: nil,
                message: "cannot allocate scratch (error code \(scratchCode))")
        }
        database = compiled
        prototypeScratch = scratch
    }

    /// Rebuilds a database from `serialized()` bytes; fails (without harm) on bytes from another
    /// Vectorscan version or CPU, or on anything else that is not a database.
    init(serialized bytes: [UInt8]) throws(VectorscanError) {
        var loaded: OpaquePointer?
        let code = bytes.withUnsafeBytes { buffer in
            hs_deserialize_database(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count, &loaded)
        }
        guard code == HS_SUCCESS, let loaded else {
            throw VectorscanError(
                code: VectorscanResultCode(raw: code), expressionIndex: nil,
                message: "cannot load a serialized database (error code \(code))")
        }
        var scratch: OpaquePointer?
        let scratchCode = hs_alloc_scratch(loaded, &scratch)
        guard scratchCode == HS_SUCCESS, let scratch else {
            hs_free_database(loaded)
            throw VectorscanError(
                code: VectorscanResultCode(raw: scratchCode), expressionIndex: nil,
                message: "cannot allocate scratch (error code \(scratchCode))")
        }
        database = loaded
        prototypeScratch = scratch
    }

    deinit {
        hs_free_scratch(prototypeScratch)
        hs_free_database(database)
    }

    /// The database as bytes, for the on-disk cache.
    func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }  // allocated by Vectorscan with malloc (no custom allocator is set)
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// The Vectorscan library's version and build, which a serialized database is tied to.
    static var libraryVersion: String {
        hs_version().map { String(cString: $0) } ?? "unknown"
    }

    /// Scratch space for one worker thread.
    func makeScratch() -> VectorscanScratch? {
        var clone: OpaquePointer?
        guard hs_clone_scratch(prototypeScratch, &clone) == HS_SUCCESS, let clone else { return nil }
        return VectorscanScratch(pointer: clone)
    }

    /// Reports every (expression id, match end offset) in `bytes` to `hits`. Throws when Vectorscan
    /// failed part way (the hits so far are kept).
    func scan(_ bytes: UnsafeRawBufferPointer, scratch: VectorscanScratch, into hits: HitRuns) throws(VectorscanError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let context = Unmanaged.passUnretained(hits).toOpaque()
        // Vectorscan takes a 32-bit length; huge buffers go in overlapping chunks, and the overlap's
        // repeated hits merge in HitRuns.
        let chunk = Int(UInt32.max) - Self.chunkOverlap
        var start = 0
        while start < bytes.count {
            let length = min(bytes.count - start, chunk + Self.chunkOverlap)
            hits.offset = start
            let code = hs_scan(
                database, base.advanced(by: start).assumingMemoryBound(to: CChar.self), UInt32(length), 0,
                scratch.pointer, Self.onMatch, context)
            guard code == HS_SUCCESS else {
                hits.offset = 0
                throw VectorscanError(code: VectorscanResultCode(raw: code), expressionIndex: nil, message: "scan failed (error code \(code))")
            }
            start += chunk
        }
        hits.offset = 0
    }

    private static let chunkOverlap = 1 << 20

    private static let onMatch: match_event_handler = { id, _, to, _, context in
        guard let context else { return 0 }
        Unmanaged<HitRuns>.fromOpaque(context).takeUnretainedValue().record(id: id, end: Int(to))
        return 0
    }

    private static func flags(for mode: VectorscanExpression.Mode) -> UInt32 {
        switch mode {
        case .exact: UInt32(HS_FLAG_MULTILINE)
        case .prefilter: UInt32(HS_FLAG_MULTILINE | HS_FLAG_PREFILTER)
        case .caselessLiteral: UInt32(HS_FLAG_CASELESS)
        }
    }

    /// Every byte as `\xHH`, so no literal is ever read as regex syntax.
    private static func escapedLiteral(_ literal: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(literal.utf8.count * 4)
        for byte in literal.utf8 {
            out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One worker's Vectorscan scratch space. Not thread-safe: one per worker.
final class VectorscanScratch {
    fileprivate let pointer: OpaquePointer

    fileprivate init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        hs_free_scratch(pointer)
    }
}
