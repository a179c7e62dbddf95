#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Keeps core dumps off (`RLIMIT_CORE` 0) while at least one vault is open, so decrypted keys never land
/// in a core file; restores the previous soft limit when the last vault closes.
final class CoreDumpGuard: Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var holders = 0
    nonisolated(unsafe) private static var savedLimit: rlimit?

    init() {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if Self.holders == 0 {
            var current = rlimit()
            if getrlimit(Self.resource, &current) == 0 {
                Self.savedLimit = current
                var off = current
                off.rlim_cur = 0
                _ = setrlimit(Self.resource, &off)
            }
        }
        Self.holders += 1
    }

    deinit {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        Self.holders -= 1
        if Self.holders == 0, var saved = Self.savedLimit {
            _ = setrlimit(Self.resource, &saved)
            Self.savedLimit = nil
        }
    }

    /// The current soft core-file limit, for tests and `check`.
    static var currentSoftLimit: UInt64 {
        var current = rlimit()
        guard getrlimit(resource, &current) == 0 else { return 0 }
        return UInt64(current.rlim_cur)
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
    #else
    private static let resource = RLIMIT_CORE
    #endif
}
