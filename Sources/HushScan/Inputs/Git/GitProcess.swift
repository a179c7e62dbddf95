import Foundation

/// One `git` child process: arguments as an array (never a shell string), the repository given
/// with `-C`, a scrubbed environment (no pager, no prompts, no editor, no textconv), and pipes for
/// standard input and output read and written with plain `read(2)`/`write(2)`.
final class GitProcess: @unchecked Sendable {
    private let pid: pid_t
    /// Our ends of the child's standard input, output and error.
    let inputDescriptor: Int32
    let outputDescriptor: Int32
    private let errorDescriptor: Int32
    private var inputOpen = true
    private let inputLock = NSLock()
    private var errorText: [UInt8] = []
    private let errorDone = DispatchSemaphore(value: 0)
    let arguments: [String]

    /// The `git` on PATH.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }()

    private static let spawnLock = NSLock()

    /// A child that dies while we write to it must give EPIPE, not kill the scan with SIGPIPE.
    private static let pipeSignalIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Started with posix_spawn, not Foundation's Process: Process needs a socket pair for its
    /// run loop, which some sandboxes (a fresh network namespace) refuse, and then never
    /// reports the child's exit.
    init(in directory: String, _ arguments: [String]) throws(GitError) {
        guard let executable = Self.executable else { throw .gitMissing }
        _ = Self.pipeSignalIgnored
        self.arguments = arguments
        let argv = [executable, "-C", directory, "-c", "core.quotePath=false", "--no-pager"] + arguments
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GIT_") { environment[key] = nil }
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        let envp = environment.map { "\($0.key)=\($0.value)" }

        // Pipes are made close-on-exec and the child spawned under one lock: a child spawned by
        // another thread in between would otherwise inherit this child's stdin and keep it open.
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        func cloexecPipe(_ ends: inout [Int32]) -> Bool {
            guard pipe(&ends) == 0 else { return false }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            return true
        }
        guard cloexecPipe(&input), cloexecPipe(&output), cloexecPipe(&errors) else {
            throw .launchFailed(String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var child: pid_t = 0
        let status = Self.withCStrings(argv) { cArgv in
            Self.withCStrings(envp) { cEnvp in posix_spawn(&child, executable, &actions, nil, cArgv, cEnvp) }
        }
        close(input[0])
        close(output[1])
        close(errors[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw .launchFailed(String(cString: strerror(status)))
        }
        pid = child
        inputDescriptor = input[1]
        outputDescriptor = output[0]
        errorDescriptor = errors[0]
        let thread = Thread { [self] in
            var reader = ByteStreamReader(descriptor: errorDescriptor)
            errorText = Array(reader.readToEnd().prefix(4096))
            errorDone.signal()
        }
        thread.start()
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Writes all of `bytes` to the child's standard input.
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(inputDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
    }

    func closeInput() {
        inputLock.withLock {
            if inputOpen { close(inputDescriptor) }
            inputOpen = false
        }
    }

    /// Waits for the child; its exit status and what it wrote to standard error.
    func finish() -> (status: Int32, errors: String) {
        closeInput()
        close(outputDescriptor)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        errorDone.wait()
        close(errorDescriptor)
        // WIFEXITED/WEXITSTATUS by hand: Swift does not import the macros.
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), String(decoding: errorText, as: UTF8.self))
    }

    /// Runs git to its end and returns its standard output; throws when it fails.
    static func output(in directory: String, _ arguments: [String], stdin: [UInt8] = []) throws(GitError) -> [UInt8] {
        let git = try GitProcess(in: directory, arguments)
        let writer = Thread {
            _ = git.write(stdin)
            git.closeInput()
        }
        writer.start()
        var reader = ByteStreamReader(descriptor: git.outputDescriptor)
        let bytes = reader.readToEnd()
        let (status, text) = git.finish()
        if status != 0 { throw .failed(command: arguments.first ?? "git", message: GitError.firstLine(text)) }
        return bytes
    }
}

/// Buffered reads from a pipe.
struct ByteStreamReader {
    let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0

    init(descriptor: Int32) { self.descriptor = descriptor }

    private mutating func fill() -> Bool {
        if start > 0 {
            if start < end { buffer.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<end])) } }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + end, $0.count - end) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return false }
            end += count
            return true
        }
    }

    /// The next line without its terminator (`\n`), nil at the end.
    mutating func line() -> [UInt8]? {
        var scanned = start
        while true {
            if let index = buffer[scanned..<end].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<index])
                start = index + 1
                return line
            }
            scanned = end
            let offset = scanned - start
            if !fill() {
                guard start < end else { return nil }
                let line = Array(buffer[start..<end])
                start = end
                return line
            }
            scanned = start + offset
        }
    }

    /// Exactly `count` bytes, or nil when the stream ends first.
    mutating func bytes(_ count: Int) -> [UInt8]? {
        var result = [UInt8]()
        result.reserveCapacity(count)
        while result.count < count {
            if start == end && !fill() { return nil }
            let take = min(count - result.count, end - start)
            result += buffer[start..<(start + take)]
            start += take
        }
        return result
    }

    mutating func readToEnd() -> [UInt8] {
        var result = [UInt8]()
        while true {
            result += buffer[start..<end]
            start = end
            if !fill() { return result }
        }
    }
}

/// What went wrong talking to git.
package enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    case gitMissing
    case launchFailed(String)
    case failed(command: String, message: String)

    package var description: String {
        switch self {
        case .gitMissing: "git is not installed (history needs the git command)"
        case .launchFailed(let reason): "git could not be started: \(reason)"
        case .failed(let command, let message): "git \(command) failed: \(message)"
        }
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? "exited with an error"
        return line.hasPrefix("fatal: ") ? String(line.dropFirst(7)) : line
    }
}
