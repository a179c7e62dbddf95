import CPCRE2

/// Why PCRE2 rejected a pattern: its message and the byte offset in the pattern where it stopped.
struct PCRE2CompileError: Error, Sendable {
    var message: String
    var offset: Int
}

/// One PCRE2 match: the whole span and the requested group's span (nil when the group did not take part).
struct PCRE2Match: Sendable, Hashable {
    var whole: Range<Int>
    var group: Range<Int>?
}

/// A JIT-compiled PCRE2 pattern. The only file that calls PCRE2.
///
/// `@unchecked Sendable`: compiled code is immutable after `init` and PCRE2 documents it as shareable
/// between threads; everything a match writes lives in the caller's `PCRE2MatchScratch`.
final class PCRE2Pattern: @unchecked Sendable {
    private let code: OpaquePointer
    /// Number of capture groups in the pattern.
    let captureCount: Int

    /// Compiles `pattern` with `^`/`$` matching at line boundaries, as the Vectorscan side does.
    init(_ pattern: String) throws(PCRE2CompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, PCRE2_MULTILINE, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PCRE2CompileError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        // Without JIT (unsupported CPU) PCRE2 falls back to its interpreter; slower, still correct.
        _ = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE)
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        code = compiled
        captureCount = Int(count)
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The first match in `subject[start..<length]`. Bytes before `start` are still visible to
    /// look-behind and `\b`; bytes from `length` on are not part of the subject.
    func firstMatch(
        in subject: UnsafeRawBufferPointer, length: Int, from start: Int, group: Int, scratch: PCRE2MatchScratch
    ) -> PCRE2Match? {
        guard let base = subject.baseAddress, start <= length, length <= subject.count else { return nil }
        let result = pcre2_match_8(
            code, base.assumingMemoryBound(to: UInt8.self), length, start, 0, scratch.matchData, scratch.context)
        // Negative: no match, or a resource limit hit on a pathological window. The second may hide
        // a secret, so the scratch counts it for the caller to report; either way nothing is returned.
        guard result > 0 else {
            if hush_pcre2_is_limit(result) != 0 { scratch.limitHits += 1 }
            return nil
        }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)
        guard let ovector else { return nil }
        let whole = ovector[0]..<ovector[1]
        var groupRange: Range<Int>? = whole
        if group > 0 {
            let unset = hush_pcre2_unset()
            let (low, high) = (ovector[2 * group], ovector[2 * group + 1])
            // A group past `result - 1` did not participate; PCRE2 leaves its slots unset.
            groupRange = group < Int(result) && low != unset && high != unset && low <= high ? low..<high : nil
        }
        return PCRE2Match(whole: whole, group: groupRange)
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}

/// Per-worker PCRE2 state: match data sized for the largest pattern, and a match context with limits
/// and a JIT stack. Not thread-safe: one per worker.
final class PCRE2MatchScratch {
    /// Matches that stopped on the match, depth, heap or JIT stack limit since the caller last reset it.
    var limitHits = 0
    fileprivate let matchData: OpaquePointer
    fileprivate let context: OpaquePointer?
    private let jitStack: OpaquePointer?

    /// Match data for patterns with up to `maxCaptureCount` groups; nil if PCRE2 cannot allocate.
    init?(maxCaptureCount: Int) {
        guard let data = pcre2_match_data_create_8(UInt32(maxCaptureCount + 1), nil) else { return nil }
        matchData = data
        context = pcre2_match_context_create_8(nil)
        // Backtracking on a window of a few KiB is bounded, but a bad rule could still explode; cap it.
        if let context {
            pcre2_set_match_limit_8(context, 1_000_000)
            pcre2_set_depth_limit_8(context, 10_000)
        }
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let context, let jitStack {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        if let context { pcre2_match_context_free_8(context) }
        pcre2_match_data_free_8(matchData)
    }
}
