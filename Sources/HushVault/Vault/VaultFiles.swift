#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// File-system steps around a vault: the default location, private directories and files.
package enum VaultFiles {
    /// Where the vault lives: `--vault`, else `HUSH_VAULT`, else `$XDG_DATA_HOME/hush/vault.db`,
    /// else `~/.local/share/hush/vault.db`.
    package static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["HUSH_VAULT"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/hush/vault.db"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/hush/vault.db"
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Creates missing parent directories with mode 0700 (existing ones are left as they are).
    static func createPrivateParents(of path: String) throws(VaultError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !exists(parent) else { return }
        try createPrivateParents(of: parent)
        guard mkdir(parent, 0o700) == 0 else {
            if errno == EEXIST { return }
            throw .io(path: parent, message: "cannot create directory: \(String(cString: strerror(errno)))")
        }
        // mkdir applies the umask (0277 would leave 0500, which not even we can write into): make it exact.
        guard chmod(parent, 0o700) == 0 else {
            throw .io(path: parent, message: "cannot make the new directory private: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates an empty file with mode 0600, failing if anything is already there.
    static func createPrivateFile(_ path: String) throws(VaultError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .io(path: path, message: "cannot create file: \(String(cString: strerror(errno)))")
        }
        // open() applies the umask; make the mode exact.
        _ = fchmod(descriptor, 0o600)
        close(descriptor)
    }

    /// Removes a vault file and its WAL/SHM companions (after a failed `init`).
    static func removeVault(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// The permission bits of `path`, for tests and diagnostics.
    package static func mode(of path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o777
    }
}
