/// The `private-key` validator: the PEM body decodes and parses as the kind of key its header names.
enum PrivateKeyPEM {
    @Sendable static func validate(_ input: ValidationInput) -> Validation {
        guard let pem = PEMBlock(parsing: input.match.utf8) ?? PEMBlock(parsing: input.secret.utf8) else {
            return .invalid
        }
        if pem.headers["Proc-Type"] != nil { return legacyEncrypted(pem) }
        // Informational headers (`Comment:`, `keyID:`) leave the key as it is; encryption was handled above.
        guard let der = LenientBase64.decode(pem.body, skippingWhitespace: true), !der.isEmpty else {
            return .invalid
        }
        let ok: Bool
        switch pem.label {
        case "RSA PRIVATE KEY": ok = isPKCS1(der)
        case "EC PRIVATE KEY": ok = isSEC1(der)
        case "DSA PRIVATE KEY": ok = isDSA(der)
        case "PRIVATE KEY": ok = isPKCS8(der)
        case "ENCRYPTED PRIVATE KEY": ok = isEncryptedPKCS8(der)
        case "OPENSSH PRIVATE KEY": ok = isOpenSSH(der)
        default: return .none  // a kind we cannot check (PGP, PuTTY...): neither confirm nor drop
        }
        return ok ? .valid : .invalid
    }

    /// OpenSSL's pre-PKCS#8 encryption: `Proc-Type: 4,ENCRYPTED` and `DEK-Info: CIPHER,HEX-IV`.
    private static func legacyEncrypted(_ pem: PEMBlock) -> Validation {
        guard pem.headers["Proc-Type"]?.filter({ $0 != " " }) == "4,ENCRYPTED",
              let info = pem.headers["DEK-Info"]
        else { return .invalid }
        let fields = info.split(separator: ",")
        guard fields.count == 2, !fields[0].isEmpty,
              fields[1].count >= 16, fields[1].count % 2 == 0, fields[1].allSatisfy(\.isHexDigit),
              let body = LenientBase64.decode(pem.body, skippingWhitespace: true), !body.isEmpty
        else { return .invalid }
        return .valid
    }

    /// Reads a SEQUENCE filling all of `der`, then hands its content to `body`.
    private static func wholeSequence(_ der: [UInt8], _ body: (inout DERReader) -> Bool) -> Bool {
        var outer = DERReader(der)
        guard let sequence = outer.read(tag: DERReader.sequence), outer.isAtEnd else { return false }
        var inner = outer.children(of: sequence)
        return body(&inner)
    }

    private static func readIntegers(_ reader: inout DERReader, count: Int) -> Bool {
        (0..<count).allSatisfy { _ in reader.read(tag: DERReader.integer).map { !$0.content.isEmpty } ?? false }
    }

    /// PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv (version 1 adds other primes).
    static func isPKCS1(_ der: [UInt8]) -> Bool {
        wholeSequence(der) { reader in
            guard let version = reader.read(tag: DERReader.integer), let value = reader.smallInteger(version),
                  value <= 1, readIntegers(&reader, count: 8)
            else { return false }
            if value == 1, reader.read(tag: DERReader.sequence) == nil { return false }
            return reader.isAtEnd
        }
    }

    /// SEC1 ECPrivateKey: version 1, the private key octets, optional [0] parameters and [1] public key.
    static func isSEC1(_ der: [UInt8]) -> Bool {
        wholeSequence(der) { reader in
            guard let version = reader.read(tag: DERReader.integer), reader.smallInteger(version) == 1,
                  let key = reader.read(tag: DERReader.octetString), !key.content.isEmpty
            else { return false }
            _ = reader.read(tag: 0xA0)
            _ = reader.read(tag: 0xA1)
            return reader.isAtEnd
        }
    }

    /// OpenSSL's DSA private key: version 0, p, q, g, y, x.
    static func isDSA(_ der: [UInt8]) -> Bool {
        wholeSequence(der) { reader in
            guard let version = reader.read(tag: DERReader.integer), reader.smallInteger(version) == 0 else {
                return false
            }
            return readIntegers(&reader, count: 5) && reader.isAtEnd
        }
    }

    /// PKCS#8 PrivateKeyInfo / OneAsymmetricKey: version, AlgorithmIdentifier, key octets, then
    /// optional [0] attributes and [1] public key.
    static func isPKCS8(_ der: [UInt8]) -> Bool {
        wholeSequence(der) { reader in
            guard let version = reader.read(tag: DERReader.integer), let value = reader.smallInteger(version),
                  value <= 1, isAlgorithmIdentifier(&reader),
                  let key = reader.read(tag: DERReader.octetString), !key.content.isEmpty
            else { return false }
            _ = reader.read(tag: 0xA0)
            if reader.read(tag: 0x81) == nil { _ = reader.read(tag: 0xA1) }
            return reader.isAtEnd
        }
    }

    /// PKCS#8 EncryptedPrivateKeyInfo: AlgorithmIdentifier, then the encrypted octets.
    static func isEncryptedPKCS8(_ der: [UInt8]) -> Bool {
        wholeSequence(der) { reader in
            guard isAlgorithmIdentifier(&reader),
                  let data = reader.read(tag: DERReader.octetString), !data.content.isEmpty
            else { return false }
            return reader.isAtEnd
        }
    }

    /// OpenSSH's key format: the magic, cipher name, KDF name, KDF options, a key count, that many
    /// public keys, then the private section, each a length-prefixed string, filling the blob exactly.
    static func isOpenSSH(_ blob: [UInt8]) -> Bool {
        let magic = Array("openssh-key-v1\0".utf8)
        guard blob.starts(with: magic) else { return false }
        var position = magic.count
        func readUInt32() -> Int? {
            guard position + 4 <= blob.count else { return nil }
            defer { position += 4 }
            return blob[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        func skipString() -> Bool {
            guard let length = readUInt32(), length <= blob.count - position else { return false }
            position += length
            return true
        }
        guard skipString(), skipString(), skipString(), let keys = readUInt32(), (1...64).contains(keys) else {
            return false
        }
        for _ in 0..<keys where !skipString() { return false }
        return skipString() && position == blob.count
    }

    private static func isAlgorithmIdentifier(_ reader: inout DERReader) -> Bool {
        guard let algorithm = reader.read(tag: DERReader.sequence) else { return false }
        var fields = reader.children(of: algorithm)
        return fields.read(tag: DERReader.objectIdentifier).map { !$0.content.isEmpty } ?? false
    }
}
