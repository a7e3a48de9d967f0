import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Telemetry

/// Debian's mosquitto broker on 127.0.0.1, on a free port, with its own config in a temporary
/// directory: for `modemkit demo` and for end-to-end tests.
///
///     let broker = try await LocalMosquitto.start()                       // anonymous
///     let locked = try await LocalMosquitto.start(credentials: .init(username: "meter", password: "pw"))
///     let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
///     …
///     await broker.stop()                     // SIGTERM, waits for the exit, removes the directory
///
/// The config: `listener <port> 127.0.0.1`, `allow_anonymous` (true unless credentials are
/// given), `persistence false`, `set_tcp_nodelay true` (answers are not held back by Nagle),
/// and a `password_file` hashed by `mosquitto_passwd -U` when there are credentials (the
/// password goes through the file, never a command line).
public final class LocalMosquitto: Sendable {
    /// One user the broker accepts.
    public struct Credentials: Sendable, Hashable {
        public var username: String
        public var password: MQTTSecret
        public init(username: String, password: MQTTSecret) {
            self.username = username
            self.password = password
        }
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// The temporary directory with `mosquitto.conf`, the password file and `mosquitto.log`.
    public let directory: URL
    private let process: Process
    private let exited: Mutex<AsyncStream<Void>?>

    private init(port: Int, directory: URL, process: Process, exited: AsyncStream<Void>) {
        self.port = port
        self.directory = directory
        self.process = process
        self.exited = Mutex(exited)
    }

    /// Whether Debian's mosquitto is installed where ``start(credentials:allowAnonymous:executable:readyWithin:)`` looks.
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/mosquitto")
    }

    /// Starts the broker and returns once it accepts connections (polled, within `readyWithin`).
    /// - Parameters:
    ///   - credentials: when given, the only user it accepts; anonymous clients are refused
    ///     (CONNACK 5) unless `allowAnonymous` says otherwise.
    ///   - executable: where mosquitto is (Debian: `/usr/sbin/mosquitto`).
    ///   - settings: more `mosquitto.conf` lines, such as `max_queued_messages 0` for a load test
    ///     whose subscriber must not lose messages to the default per-client queue of 1000.
    public static func start(
        credentials: Credentials? = nil, allowAnonymous: Bool? = nil,
        executable: String = "/usr/sbin/mosquitto", readyWithin: Duration = .seconds(10), settings: [String] = []
    ) async throws(LocalMosquittoError) -> LocalMosquitto {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw .notInstalled(executable) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-mosquitto-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .startFailed("cannot create \(directory.path): \(error)")
        }
        var lastError = LocalMosquittoError.startFailed("not started")
        // A port found free can be taken before mosquitto binds it: try another.
        for _ in 0..<3 {
            do {
                let broker = try await launch(
                    in: directory, credentials: credentials, allowAnonymous: allowAnonymous ?? (credentials == nil),
                    executable: executable, readyWithin: readyWithin, settings: settings
                )
                return broker
            } catch {
                lastError = error
                if case .notReady = error { break }
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    private static func launch(
        in directory: URL, credentials: Credentials?, allowAnonymous: Bool, executable: String, readyWithin: Duration,
        settings: [String]
    ) async throws(LocalMosquittoError) -> LocalMosquitto {
        let port = try await freePort()
        var config = [
            "listener \(port) 127.0.0.1", "allow_anonymous \(allowAnonymous)", "persistence false", "log_dest stderr",
            // Without it, Nagle holds back a PUBACK while an earlier one waits for the client's
            // delayed ACK: up to 40 ms per batch of publishes on loopback (mosquitto ≥ 2.0).
            "set_tcp_nodelay true",
        ]
        config += settings
        if geteuid() == 0 { config.append("user root") }   // else it switches to the mosquitto user and cannot read the directory
        if let credentials {
            let file = directory.appendingPathComponent("passwd")
            try writePasswordFile(file, credentials)
            config.append("password_file \(file.path)")
        }
        let configFile = directory.appendingPathComponent("mosquitto.conf")
        let logFile = directory.appendingPathComponent("mosquitto.log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", configFile.path]
        let (exited, exitContinuation) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { ended in
            untrack(ended.processIdentifier)   // a pid no longer ours is never signalled at exit
            exitContinuation.finish()
        }
        do {
            try (config.joined(separator: "\n") + "\n").write(to: configFile, atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: logFile)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .startFailed("cannot run \(executable): \(error)")
        }
        let broker = LocalMosquitto(port: port, directory: directory, process: process, exited: exited)
        Self.track(process.processIdentifier)
        if !process.isRunning { Self.untrack(process.processIdentifier) }   // it ended before being tracked
        let deadline = ContinuousClock.now.advanced(by: readyWithin)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
                throw .startFailed("mosquitto exited with status \(process.terminationStatus): \(log.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            if let connection = try? await HostSocketConnector().connect(host: "127.0.0.1", port: port, transport: .tcp) {
                await connection.close()
                return broker
            }
            try? await Task.sleep(for: .milliseconds(20))   // between connection attempts, bounded by the deadline
        }
        await broker.stop()
        throw .notReady("mosquitto did not accept connections on 127.0.0.1:\(port) within \(readyWithin)")
    }

    /// A port nothing listens on now: bind port 0, read it, close.
    private static func freePort() async throws(LocalMosquittoError) -> Int {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
            let port = channel.localAddress?.port
            try await channel.close()
            guard let port else { throw LocalMosquittoError.startFailed("no port") }
            return port
        } catch {
            throw .startFailed("cannot find a free port: \(error)")
        }
    }

    /// `user:password` in plain text, hashed in place by `mosquitto_passwd -U`.
    private static func writePasswordFile(_ file: URL, _ credentials: Credentials) throws(LocalMosquittoError) {
        let tool = "/usr/bin/mosquitto_passwd"
        guard FileManager.default.isExecutableFile(atPath: tool) else { throw .notInstalled(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-U", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            var line = Array(credentials.username.utf8) + [UInt8(ascii: ":")] + credentials.password.bytes
            line.append(UInt8(ascii: "\n"))
            try Data(line).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            try process.run()
        } catch {
            throw .startFailed("cannot write the password file: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .startFailed("mosquitto_passwd -U failed with status \(process.terminationStatus)") }
    }

    /// Terminates the broker (SIGTERM), waits for it to exit, and removes its directory.
    ///
    /// A child started by `Process` inherits the signal mask of the thread that started it; under
    /// some hosts (the test runner) SIGTERM is blocked there, and mosquitto would never see it.
    /// Then it gets SIGKILL, which cannot be blocked (persistence is off: nothing is lost).
    public func stop() async {
        if process.isRunning {
            if Self.blocksSIGTERM(process.processIdentifier) {
                Foundation.kill(process.processIdentifier, SIGKILL)
            } else {
                process.terminate()
            }
        }
        await waitForExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Brokers started by this process and not yet stopped. A process that exits first (a test
    /// run whose last `stop()` was still queued) kills them on its way out, so no broker
    /// outlives the program that started it; a SIGKILLed program cannot, and leaves them.
    private static let running = Mutex<Set<Int32>>([])

    private static let exitHook: Void = {
        atexit {
            for pid in LocalMosquitto.running.withLock({ $0 }) { Foundation.kill(pid, SIGKILL) }
        }
    }()

    private static func track(_ pid: Int32) {
        _ = exitHook
        running.withLock { _ = $0.insert(pid) }
    }

    private static func untrack(_ pid: Int32) {
        running.withLock { _ = $0.remove(pid) }
    }

    /// Whether `pid` has SIGTERM in its blocked mask (`SigBlk` in Linux's `/proc/<pid>/status`).
    private static func blocksSIGTERM(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
              let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << (UInt64(SIGTERM) - 1)) != 0
    }

    /// Kills the broker at once (SIGKILL), as a crash or a lost network would: for tests. The
    /// directory stays until ``stop()``.
    public func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits until the process has exited (its termination handler has run). One caller waits;
    /// a second one at the same time returns at once.
    public func waitForExit() async {
        guard let exited = exited.withLock({ stream in defer { stream = nil }; return stream }) else { return }
        for await _ in exited {}
    }
}

/// Why a ``LocalMosquitto`` could not start.
public enum LocalMosquittoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executable is not there.
    case notInstalled(String)
    case startFailed(String)
    /// It runs but did not accept a connection in time.
    case notReady(String)

    public var description: String {
        switch self {
        case .notInstalled(let path): "\(path) not found: install Debian's mosquitto (apt-get install mosquitto mosquitto-clients)"
        case .startFailed(let why): "mosquitto did not start: \(why)"
        case .notReady(let why): why
        }
    }
}
