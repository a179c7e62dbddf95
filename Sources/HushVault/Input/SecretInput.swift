#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the master password comes from. Never argv, never an environment variable's value.
package enum PasswordSource: Equatable, Sendable {
    /// The first line of a file (`--password-file`, or the path in `HUSH_PASSWORD_FILE`).
    case file(String)
    /// The first line read from an inherited file descriptor (`--password-fd`).
    case descriptor(Int32)
    /// Typed on the controlling terminal with echo off.
    case terminal
}

/// Reads passwords and secret values straight into guarded memory.
package enum SecretInput {
    /// Longest password or line accepted, in bytes.
    package static let maximumLineLength = 64 * 1024

    /// `--password-fd`, then `--password-file`, then `HUSH_PASSWORD_FILE`, then the terminal.
    package static func passwordSource(file: String?, descriptor: Int32?, environment: [String: String]) -> PasswordSource {
        if let descriptor { return .descriptor(descriptor) }
        if let file { return .file(file) }
        if let path = environment["HUSH_PASSWORD_FILE"], !path.isEmpty { return .file(path) }
        return .terminal
    }

    /// Reads a password; on the terminal with `confirm`, asks twice and requires both to match.
    package static func readPassword(from source: PasswordSource, prompt: String, confirm: Bool = false)
        throws(VaultError) -> SecretBytes
    {
        switch source {
        case let .file(path):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw .io(path: path, message: "cannot read password file: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            return try readLine(from: descriptor, name: path)
        case let .descriptor(descriptor):
            return try readLine(from: descriptor, name: "file descriptor \(descriptor)")
        case .terminal:
            let first = try readFromTerminal(prompt: prompt)
            guard confirm else { return first }
            let second = try readFromTerminal(prompt: "Repeat: ")
            guard first.constantTimeEquals(second) else { throw .passwordsDoNotMatch }
            return first
        }
    }

    /// Reads everything from `descriptor` (e.g. stdin), dropping one trailing newline.
    package static func readAll(from descriptor: Int32, name: String) throws(VaultError) -> SecretBytes {
        try read(from: descriptor, name: name, stopAtNewline: false, limit: 16 * 1024 * 1024)
    }

    /// Whether `descriptor` is a terminal.
    package static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Prompts on /dev/tty and reads one line with echo off.
    package static func readFromTerminal(prompt: String) throws(VaultError) -> SecretBytes {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else {
            throw .input("no terminal to ask for the password; use --password-file FILE or --password-fd N")
        }
        defer { close(tty) }
        var saved = termios()
        let canHideEcho = tcgetattr(tty, &saved) == 0
        if canHideEcho {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ECHONL)
            EchoRestorer.arm(descriptor: tty, settings: saved)
            _ = tcsetattr(tty, TCSAFLUSH, &silent)
        }
        defer {
            if canHideEcho {
                _ = tcsetattr(tty, TCSAFLUSH, &saved)
                EchoRestorer.disarm()
            }
        }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        return try readLine(from: tty, name: "/dev/tty")
    }

    fileprivate static func systemRead(_ descriptor: Int32, _ target: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, target, count)
        #else
        Darwin.read(descriptor, target, count)
        #endif
    }

    private static func readLine(from descriptor: Int32, name: String) throws(VaultError) -> SecretBytes {
        try read(from: descriptor, name: name, stopAtNewline: true, limit: maximumLineLength)
    }

    /// Reads into guarded memory, growing by doubling (each old buffer is wiped when released).
    private static func read(from descriptor: Int32, name: String, stopAtNewline: Bool, limit: Int)
        throws(VaultError) -> SecretBytes
    {
        var buffer = SecretBytes(count: 256)
        var length = 0
        var sawNewline = false
        while true {
            if length == buffer.count {
                guard buffer.count < limit else { throw .input("\(name): input longer than \(limit) bytes") }
                let bigger = SecretBytes(count: min(buffer.count * 2, limit))
                bigger.withUnsafeMutableBytes { target in
                    buffer.withUnsafeBytes { source in target.copyMemory(from: source) }
                }
                buffer = bigger
            }
            let step = stopAtNewline ? 1 : buffer.count - length
            let got = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return -1 }
                return systemRead(descriptor, base + length, step)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(path: name, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            if stopAtNewline, buffer.withUnsafeBytes({ $0[length] }) == UInt8(ascii: "\n") {
                sawNewline = true
                break
            }
            length += got
        }
        // A value (stdin) loses exactly one trailing "\n", so binary data ending in CR LF keeps its CR;
        // a password line also loses a CR before its newline (a file written on Windows).
        if !stopAtNewline, length > 0, buffer.withUnsafeBytes({ $0[length - 1] }) == UInt8(ascii: "\n") {
            length -= 1
        } else if stopAtNewline, sawNewline, length > 0, buffer.withUnsafeBytes({ $0[length - 1] }) == UInt8(ascii: "\r") {
            length -= 1
        }
        return buffer.slice(0..<length)
    }
}

/// Puts the terminal's echo back if the user interrupts a password prompt (Ctrl-C, SIGTERM, SIGHUP), so
/// the shell is not left typing blind, then lets the signal do what it would have done: the previous
/// disposition is restored and the signal raised again, so `timeout`, systemd and CI cancellations see
/// a process killed by their signal. The handler only calls async-signal-safe functions.
private enum EchoRestorer {
    nonisolated(unsafe) static var descriptor: Int32 = -1
    nonisolated(unsafe) static var settings = termios()
    nonisolated(unsafe) static var previous: [sigaction] = Array(repeating: sigaction(), count: 3)
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func arm(descriptor: Int32, settings: termios) {
        Self.settings = settings
        Self.descriptor = descriptor
        for (index, signalNumber) in signals.enumerated() {
            _ = sigaction(signalNumber, nil, &previous[index])
            // A signal the parent chose to ignore (a background job's SIGINT, nohup's SIGHUP) stays ignored.
            if isIgnored(previous[index]) { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { received in EchoRestorer.handle(received) }
            #else
            action.__sigaction_u.__sa_handler = { received in EchoRestorer.handle(received) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            _ = sigaction(signalNumber, &action, nil)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Restores the terminal, then dies of the signal as if no handler had been there.
    static func handle(_ received: Int32) {
        if descriptor >= 0 { _ = tcsetattr(descriptor, TCSAFLUSH, &settings) }
        _ = signal(received, SIG_DFL)
        _ = raise(received)
    }

    static func disarm() {
        for (index, signalNumber) in signals.enumerated() { _ = sigaction(signalNumber, &previous[index], nil) }
        descriptor = -1
    }
}

/// Reads a stream line by line into guarded memory (for `vault import`): the lines may hold secrets,
/// so they never pass through an ordinary String or Data.
package final class SecretLineReader {
    private let descriptor: Int32
    private let name: String
    private var buffer = SecretBytes(count: 64 * 1024)
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Longest line accepted.
    package static let maximumLineLength = 16 * 1024 * 1024

    /// Reads from `descriptor`; `name` is used in error messages.
    package init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Calls `body` with the next line (without its "\n"), or returns nil at the end of input.
    package func nextLine<R>(_ body: (UnsafeRawBufferPointer) throws(VaultError) -> R) throws(VaultError) -> R? {
        while true {
            let newline = buffer.withUnsafeBytes { bytes in (start..<end).first { bytes[$0] == 0x0A } }
            if let newline {
                defer { start = newline + 1 }
                return try buffer.withUnsafeBytes { (bytes) throws(VaultError) -> R in
                    try body(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
                }
            }
            if atEOF {
                guard start < end else { return nil }
                defer { start = end }
                return try buffer.withUnsafeBytes { (bytes) throws(VaultError) -> R in
                    try body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
            }
            try fill()
        }
    }

    private func fill() throws(VaultError) {
        if start > 0 {
            let (from, to) = (start, end)
            buffer.withUnsafeMutableBytes { bytes in
                if to > from, let base = bytes.baseAddress { memmove(base, base + from, to - from) }
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            guard buffer.count < Self.maximumLineLength else {
                throw .input("\(name): a line is longer than \(Self.maximumLineLength) bytes")
            }
            let bigger = SecretBytes(count: min(buffer.count * 2, Self.maximumLineLength))
            let used = end
            bigger.withUnsafeMutableBytes { target in
                buffer.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: target[..<used]).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<used]))
                }
            }
            buffer = bigger
        }
        let (offset, room) = (end, buffer.count - end)
        let got = buffer.withUnsafeMutableBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return -1 }
            return SecretInput.systemRead(descriptor, base + offset, room)
        }
        if got < 0 {
            if errno == EINTR { return }
            throw .io(path: name, message: "read failed: \(String(cString: strerror(errno)))")
        }
        if got == 0 { atEOF = true } else { end += got }
    }
}
