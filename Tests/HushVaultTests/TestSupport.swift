import Foundation
import HushTestSupport
@testable import HushVault

/// Hex helpers for the vault tests.
enum Hex {
    static func decode(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// Vault fixtures: every test vault uses the minimum Argon2id cost so the suite stays fast.
enum TestVault {
    static let password = "correct horse battery staple (test only)"

    static func create(in scratch: ScratchFolder, name: String = "vault.db") throws(VaultError) -> Vault {
        try Vault.create(at: scratch.file(name), password: SecretBytes(utf8: password), kdf: KDFLevel.minimum.parameters)
    }

    static func open(_ path: String) throws(VaultError) -> Vault {
        try Vault.open(at: path, password: SecretBytes(utf8: password))
    }
}
