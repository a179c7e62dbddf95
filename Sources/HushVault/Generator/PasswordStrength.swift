import Foundation

/// Estimates how many guesses a password costs an attacker who knows how people choose them (the
/// approach of zxcvbn, written for us): the password is split into the cheapest sequence of pieces,
/// each a dictionary word (EFF list, common passwords; case and leet substitutions cost a bit each), a
/// repeat, an alphabet or keyboard run, a year, or single characters of its class, and the bits of the
/// pieces are summed. Works on the bytes in place (a master password never leaves guarded memory).
package enum PasswordStrength {
    /// The floor `vault init` and `vault passwd` hold a master password to, in bits.
    package static let masterPasswordFloor = 40.0

    /// An estimate of the guessing entropy of `password` in bits, and the weakest piece found, in words.
    package static func estimate(_ password: SecretBytes) -> (bits: Double, hint: String) {
        password.withUnsafeBytes { estimate($0) }
    }

    static func estimate(_ bytes: UnsafeRawBufferPointer) -> (bits: Double, hint: String) {
        let count = bytes.count
        guard count > 0 else { return (0, "it is empty") }
        // The lower-cased, de-leeted password, then one flag byte per position (1 upper case, 2 substituted),
        // all in guarded memory: even which positions are capitals says something about the password.
        let normalised = SecretBytes(count: count * 2)
        normalised.withUnsafeMutableBytes { out in
            for index in 0..<count {
                let byte = bytes[index]
                let isUpper = (0x41...0x5A).contains(byte)
                if let plain = leet[byte] {
                    out[index] = plain
                    out[count + index] = 2
                } else {
                    out[index] = isUpper ? byte + 0x20 : byte
                    out[count + index] = isUpper ? 1 : 0
                }
            }
        }
        // best[j]: fewest bits for the first j bytes; from[j], why[j]: where the last piece starts and what it is.
        var best = [Double](repeating: .infinity, count: count + 1)
        var from = [Int](repeating: 0, count: count + 1)
        var why = [String](repeating: "", count: count + 1)
        best[0] = 0
        normalised.withUnsafeBytes { all in
            let norm = UnsafeRawBufferPointer(rebasing: all[..<count])
            let flags = UnsafeRawBufferPointer(rebasing: all[count...])
            for end in 1...count {
                best[end] = best[end - 1] + classBits(bytes[end - 1])
                (from[end], why[end]) = (end - 1, "")
                for start in max(0, end - 32)..<(end - 1) {
                    guard let (bits, label) = piece(bytes, norm, start..<end, flags), best[start] + bits < best[end]
                    else { continue }
                    (best[end], from[end], why[end]) = (best[start] + bits, start, label)
                }
            }
        }
        var hints: [String] = []
        var position = count
        while position > 0 {
            if !why[position].isEmpty, !hints.contains(why[position]) { hints.append(why[position]) }
            position = from[position]
        }
        let hint = hints.isEmpty ? "too few characters" : "it is built from " + hints.reversed().joined(separator: ", ")
        return (best[count], hint)
    }

    /// The cheapest pattern covering exactly `range`, if any.
    private static func piece(
        _ bytes: UnsafeRawBufferPointer, _ norm: UnsafeRawBufferPointer, _ range: Range<Int>, _ flags: UnsafeRawBufferPointer
    ) -> (Double, String)? {
        let length = range.count
        guard length >= 3 else { return nil }
        var options: [(Double, String)] = []
        let extra = (range.contains { flags[$0] == 1 } ? 1.0 : 0) + (range.contains { flags[$0] == 2 } ? 1.0 : 0)
        if let rank = commonRank(norm, range) {
            options.append((log2(Double(rank + 2)) + extra, "a common password"))
        }
        if effWords.contains(norm, range) {
            options.append((log2(Double(WordList.eff.count)) + extra, "a dictionary word"))
        }
        if range.allSatisfy({ norm[$0] == norm[range.lowerBound] }) {
            options.append((classBits(bytes[range.lowerBound]) + log2(Double(length)), "a repeated character"))
        }
        if isRun(norm, range) { options.append((log2(Double(26 * 2)) + log2(Double(length)), "a sequence")) }
        if length == 4, range.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }),
            bytes[range.lowerBound] == 0x31 && bytes[range.lowerBound + 1] == 0x39
                || bytes[range.lowerBound] == 0x32 && bytes[range.lowerBound + 1] == 0x30
        {
            options.append((log2(200), "a year"))
        }
        return options.min { $0.0 < $1.0 }
    }

    private static func classBits(_ byte: UInt8) -> Double {
        switch byte {
        case 0x61...0x7A, 0x41...0x5A: log2(26)
        case 0x30...0x39: log2(10)
        case 0x20...0x7E: log2(33)
        default: log2(100)
        }
    }

    /// An alphabet, digit or keyboard-row run, forwards or backwards (`abcd`, `4321`, `qwerty`, `lkjh`),
    /// compared in place: no piece of the password is copied out of guarded memory.
    private static func isRun(_ norm: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        let first = range.lowerBound
        for direction in [1, -1] {
            var alphabetic = true
            for index in range.dropFirst() where Int(norm[index]) - Int(norm[index - 1]) != direction { alphabetic = false; break }
            if alphabetic, range.allSatisfy({ (0x61...0x7A).contains(norm[$0]) || (0x30...0x39).contains(norm[$0]) }) { return true }
        }
        for row in keyboardRows where row.count >= range.count {
            for start in 0...(row.count - range.count) {
                if (0..<range.count).allSatisfy({ norm[first + $0] == row[start + $0] }) { return true }
                if (0..<range.count).allSatisfy({ norm[first + $0] == row[row.count - 1 - start - $0] }) { return true }
            }
        }
        return false
    }

    private static let keyboardRows: [[UInt8]] = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "qazwsx", "!@#$%^&*()"]
        .map { Array($0.utf8) }

    private static let leet: [UInt8: UInt8] = [
        UInt8(ascii: "0"): UInt8(ascii: "o"), UInt8(ascii: "1"): UInt8(ascii: "i"), UInt8(ascii: "3"): UInt8(ascii: "e"),
        UInt8(ascii: "4"): UInt8(ascii: "a"), UInt8(ascii: "5"): UInt8(ascii: "s"), UInt8(ascii: "7"): UInt8(ascii: "t"),
        UInt8(ascii: "@"): UInt8(ascii: "a"), UInt8(ascii: "$"): UInt8(ascii: "s"), UInt8(ascii: "!"): UInt8(ascii: "i"),
    ]

    /// Passwords and words people pick first, most common first (well-known facts, not a copied list).
    private static let common: [[UInt8]] = [
        "password", "123456", "12345678", "qwerty", "letmein", "welcome", "admin", "administrator", "root", "toor",
        "changeme", "secret", "iloveyou", "monkey", "dragon", "football", "baseball", "master", "shadow", "sunshine",
        "princess", "trustno1", "abc123", "login", "default", "guest", "test", "hello", "freedom", "whatever",
        "superman", "batman", "starwars", "hunter", "ninja", "mustang", "access", "michael", "charlie", "jordan",
        "pokemon", "summer", "winter", "spring", "autumn", "passw", "pass", "hush", "vault", "user", "demo",
        "love", "god", "money", "computer", "internet", "server", "database", "system", "pa55", "p4ss",
    ].map { Array($0.utf8) }

    private static func commonRank(_ norm: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        common.firstIndex { word in word.count == range.count && word.indices.allSatisfy { word[$0] == norm[range.lowerBound + $0] } }
    }

    /// The EFF list as a set of byte strings, built once.
    private static let effWords = WordSet(WordList.eff)

    private struct WordSet: Sendable {
        let words: Set<[UInt8]>
        init(_ list: [String]) { words = Set(list.map { Array($0.utf8) }) }
        func contains(_ norm: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
            // Words are 3...9 letters; a temporary array of a password piece is checked and dropped at once.
            guard (3...9).contains(range.count) else { return false }
            var piece = [UInt8](repeating: 0, count: range.count)
            defer { piece.withUnsafeMutableBytes { Sodium.zero($0) } }
            for index in range { piece[index - range.lowerBound] = norm[index] }
            return words.contains(piece)
        }
    }
}
