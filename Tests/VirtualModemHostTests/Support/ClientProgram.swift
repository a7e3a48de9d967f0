import Foundation

/// A real client program (gammu, smstools' smsd) run against the virtual modem: output to a
/// file, bounded by a watchdog that terminates it; nothing sleeps.
final class ClientProgram: @unchecked Sendable {
    let process = Process()
    let outputURL: URL
    private let exited: AsyncStream<Void>

    /// The program's path when it is installed (`PATH`, then the sbin folders Debian uses for smsd).
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `path arguments...` in `directory`.
    init(_ path: String, _ arguments: [String], directory: URL) throws {
        outputURL = directory.appendingPathComponent("\(URL(fileURLWithPath: path).lastPathComponent)-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        exited = stream
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

    /// Waits for the program to end; terminates it (then kills it) when `seconds` pass first.
    /// Returns whether it ended by itself.
    @discardableResult
    func waitForExit(within seconds: Double) async -> Bool {
        let process = self.process
        let watchdog = Watchdog()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            guard process.isRunning else { return }
            watchdog.fire()
            process.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        for await _ in exited {}
        return !watchdog.fired
    }

    /// Asks the program to stop (SIGTERM) and waits for it, at most `seconds`.
    func stop(within seconds: Double = 10) async {
        if process.isRunning { process.terminate() }
        await waitForExit(within: seconds)
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
