import Foundation

/// Everything that can go wrong with a vault, in words a user can act on. Never carries a secret.
package enum VaultError: Error, Equatable, LocalizedError {
    /// No vault file at the path.
    case noVault(path: String)
    /// `init` found a file already there.
    case alreadyExists(path: String)
    /// The file is not a hush vault (not SQLite, empty, or another database).
    case notAVault(path: String, reason: String)
    /// SQLite found the file damaged or truncated.
    case corrupted(path: String, detail: String)
    /// The vault was written by a newer hush.
    case newerFormat(path: String)
    /// The master password did not unwrap the vault key.
    case wrongPassword(path: String)
    /// An entry or one of its versions failed authentication, or the entry list does not match the sealed state.
    case tampered(path: String, detail: String)
    /// No entry with that name.
    case entryNotFound(String)
    /// An entry with that name already exists.
    case entryExists(String)
    /// The entry has no such version.
    case versionNotFound(name: String, version: Int)
    /// A name that cannot be used.
    case invalidName(String, reason: String)
    /// Another process held the vault locked for longer than the busy timeout.
    case busy(path: String)
    /// SQLite reported something else.
    case database(path: String, message: String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// The master password or a value could not be read.
    case input(String)
    /// The two typed passwords differ.
    case passwordsDoNotMatch
    /// An empty master password.
    case emptyPassword
    /// A field name `get --field` does not know.
    case unknownField(String)
    /// The header's fields are out of the bounds hush writes (checked before the password is used).
    case invalidHeader(path: String, detail: String)
    /// Another process changed the password, the vault key or the format while this one ran.
    case changedElsewhere(path: String)
    /// A master password below the strength floor.
    case weakPassword(bits: Double, floor: Double, hint: String)
    /// The crypto layer failed outside of authentication (e.g. Argon2id out of memory).
    case crypto(CryptoError)

    package var errorDescription: String? {
        switch self {
        case let .noVault(path): "no vault at \(path); create one with `hush vault init`"
        case let .alreadyExists(path): "\(path) already exists; refusing to overwrite it"
        case let .notAVault(path, reason): "\(path) is not a hush vault: \(reason)"
        case let .corrupted(path, detail): "\(path) is damaged or truncated: \(detail)"
        case let .newerFormat(path): "\(path) was written by a newer hush; upgrade hush to open it"
        case let .wrongPassword(path): "wrong master password for \(path) (nothing was changed)"
        case let .tampered(path, detail): "integrity failure in \(path): \(detail)"
        case let .entryNotFound(name): "no entry named \"\(name)\""
        case let .entryExists(name): "an entry named \"\(name)\" already exists"
        case let .versionNotFound(name, version): "entry \"\(name)\" has no version \(version)"
        case let .invalidName(name, reason): "invalid entry name \"\(name)\": \(reason)"
        case let .busy(path): "\(path) stayed locked by another process; try again"
        case let .database(path, message): "SQLite error in \(path): \(message)"
        case let .io(path, message): "\(path): \(message)"
        case let .input(message): message
        case .passwordsDoNotMatch: "the two passwords do not match"
        case .emptyPassword: "the master password is empty (an empty password file or line?); give the password, not an empty line"
        case let .unknownField(field):
            "unknown field \"\(field)\" (value, username, url, notes, tags, created, updated, name)"
        case let .invalidHeader(path, detail): "vault header is invalid in \(path): \(detail); the file was altered or damaged (nothing was changed)"
        case let .changedElsewhere(path):
            "\(path) was changed by another hush process (a new password, vault key or format) while this one ran; "
                + "nothing was written: run the command again"
        case let .weakPassword(bits, floor, hint):
            "the master password is too weak (estimated \(Int(bits)) bits of guessing entropy, at least \(Int(floor)) needed): "
                + "\(hint); use a longer passphrase (`hush gen --words 6`), or --allow-weak to accept it anyway"
        case let .crypto(error): error.localizedDescription
        }
    }

    /// The process exit code for this error: 3 wrong password, 4 integrity or format failure, 2 an empty
    /// master password (a usage error), 1 otherwise.
    package var exitCode: Int32 {
        switch self {
        case .wrongPassword: 3
        case .tampered, .corrupted, .notAVault, .newerFormat, .invalidHeader: 4
        case .emptyPassword: 2
        default: 1
        }
    }
}
