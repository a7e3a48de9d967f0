import ModemKitTestSupport
import Foundation

/// A real client program (gammu, smstools' smsd) run against the virtual modem: output to a
/// file, bounded by a watchdog that terminates it; nothing sleeps.
///
/// Foundation starts a program as the leader of a process group of its own; for a daemon that
/// forks (smsd starts a handler per modem) stopping signals that whole group, so no child
/// outlives the test. The wait ends when the program exits or, at the latest, when the watchdog
/// has killed the group, even if the exit is never reported.
final class ClientProgram: @unchecked Sendable {
    let process = Process()
    let outputURL: URL
    private let exited: AsyncStream<Void>
    private let exitedContinuation: AsyncStream<Void>.Continuation
    private let ownGroup: Bool

    /// The program's path when it is installed (`PATH`, then the sbin folders Debian uses for smsd).
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `path arguments...` in `directory`; `ownGroup` stops signal its whole process group.
    init(_ path: String, _ arguments: [String], directory: URL, ownGroup: Bool = false) throws {
        outputURL = directory.appendingPathComponent("\(URL(fileURLWithPath: path).lastPathComponent)-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        self.ownGroup = ownGroup
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        exited = stream
        exitedContinuation = continuation
        process.terminationHandler = { _ in
            try? output.close()
            continuation.yield()
            continuation.finish()
        }
        try process.run()
    }

    /// Runs a program to its end, at most `timeout` seconds.
    static func run(_ path: String, _ arguments: [String], directory: URL, timeout: Double = 60) async throws -> (status: Int32, output: String) {
        let program = try ClientProgram(path, arguments, directory: directory)
        await program.waitForExit(within: timeout)
        return (program.process.terminationStatus, program.output)
    }

    /// Waits for the program to end; terminates it, and `grace` seconds later kills it, when
    /// `seconds` pass first. Returns whether it ended by itself.
    @discardableResult
    func waitForExit(within seconds: Double, grace: Double = 5) async -> Bool {
        let watchdog = Watchdog()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            guard process.isRunning else { return }
            watchdog.fire()
            signal(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
                signal(SIGKILL)
                exitedContinuation.finish()
            }
        }
        for await _ in exited {}
        return !watchdog.fired
    }

    /// Asks the program (and its group) to stop with SIGTERM and waits, at most `seconds` and
    /// a second of grace. Foundation does not always report the end of a daemon whose children
    /// outlive it for a moment (smsd), so the bound is short: smsd ends in well under a second.
    func stop(within seconds: Double = 2) async {
        signal(SIGTERM)
        await waitForExit(within: seconds, grace: 1)
        // Whatever of the group outlived its leader goes now.
        if ownGroup { kill(-process.processIdentifier, SIGKILL) }
    }

    /// Signals the program, or its whole process group when it leads one.
    private func signal(_ number: Int32) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        if ownGroup, getpgid(pid) == pid || !process.isRunning { kill(-pid, number) } else { kill(pid, number) }
    }

    var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
}

/// Whether a watchdog had to stop the program.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func fire() {
        lock.withLock { value = true }
    }

    var fired: Bool { lock.withLock { value } }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
