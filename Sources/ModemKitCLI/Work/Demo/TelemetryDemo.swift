import Foundation
import Logging
import ModemCore
import ModemKit
import ModemTelemetry
import ModemTransport
import Telemetry
import VirtualModem
import VirtualModemHost

/// What `modemkit demo` does: readings through the whole stack, with a fault on the way.
///
/// outbox (SQLite) → agent → MQTT 3.1.1 → the modem's socket AT commands (`AT+QISEND`…) over a
/// real serial path (a pseudo-terminal) → the virtual modem → a real TCP connection → Debian's
/// mosquitto on loopback → a subscriber that counts every reading by ID. Halfway through, the
/// modem reboots; nothing may be lost. Without mosquitto the readings go as JSON lines over raw
/// TCP to a receiver inside the demo instead, so the path is the same up to the last hop.
struct TelemetryDemo {
    struct Report: Encodable {
        var profile: String
        var device: String
        var receiver: String
        var path: String
        var tracePath: String
        var sent: Int
        var delivered: Int
        var duplicates: Int
        var failedAttempts: Int
        var faultAfter: Int
        var recoverySeconds: Double?
        var bytesOnTheAir: Int
        var bytesPerReading: Int
        var latencyMs: Latency
        var seconds: Double
        var problems: [String]
        var ok: Bool { problems.isEmpty }

        struct Latency: Encodable {
            var p50: Int64
            var p95: Int64
            var max: Int64
        }
    }

    let count: Int
    let profileName: String
    let useBroker: Bool
    let tracePath: String
    let logger: Logger
    let progress: @Sendable (String) -> Void

    func run() async throws(CLIError) -> Report {
        let arrivals = DemoArrivals()
        let receiver = try await startReceiver(arrivals)
        // The broker is a child process: stop it on every way out, Ctrl-C included, so no
        // mosquitto outlives the demo.
        let signals = SignalStop {
            await receiver.stop()
            exit(130)
        }
        defer { signals.cancel() }
        do {
            let report = try await run(receiver: receiver, arrivals: arrivals)
            await receiver.stop()
            return report
        } catch {
            await receiver.stop()
            throw error
        }
    }

    private func run(receiver: Receiver, arrivals: DemoArrivals) async throws(CLIError) -> Report {
        let started = ContinuousClock.now
        progress("receiver: \(receiver.description)")

        guard var profile = VirtualModemProfile.named(profileName) else {
            throw CLIError("unknown profile \(profileName)", exitCode: CLIExit.usage)
        }
        profile.timing = SimTiming.fast
        let pair: PseudoTerminalPair
        do {
            pair = try PseudoTerminalPair()
        } catch {
            throw CLIError("cannot create a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
        }
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile)), transport: pair, sockets: SocketBridge.loopback)
        await runner.start()
        let serial: SerialTransport
        do {
            serial = try SerialTransport(path: pair.slavePath, configuration: SerialConfiguration(baud: 115_200))
        } catch {
            await runner.stop()
            throw CLIError("cannot open \(pair.slavePath): \(ModemConnection.explain(error))", exitCode: CLIExit.transport)
        }
        let connection: ModemConnection
        do {
            connection = try await ModemConnection.recording(serial, to: tracePath, summary: pair.slavePath, baud: 115_200, profile: profile.name)
        } catch {
            await runner.stop()
            throw error
        }
        progress("virtual \(profile.name) on \(pair.slavePath); bringing data up…")

        let client = ATClient(transport: connection.transport, logger: logger)
        var lifecycle = ModemLifecycleStateMachine.Configuration()
        lifecycle.dataSession = (try? DataSessionSettings(apn: "internet")) ?? DataSessionSettings()
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle, probeTimeout: .milliseconds(300)), logger: logger)
        let recovery = RecoveryWatch(modem.status())
        await modem.start()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-demo-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox: Outbox
        do {
            outbox = try Outbox(path: folder.appendingPathComponent("outbox.sqlite").path)
        } catch {
            throw CLIError("outbox: \(error)", exitCode: CLIExit.transport)
        }
        let routes: [TelemetryAgent.Route]
        do {
            routes = try TelemetryRoutes(
                connector: ModemDataConnector(modem: modem, session: lifecycle.dataSession), device: "demo-meter", keepAlive: 30, logger: logger
            ).make([receiver.destination])
        } catch {
            throw CLIError("\(error)", exitCode: CLIExit.usage)
        }
        let agent = TelemetryAgent(
            queue: outbox, routes: routes,
            configuration: .init(batchSize: 20, policy: .init(backoff: RetryBackoff(initial: .milliseconds(200), maximum: .seconds(2)), smsAfter: nil)),
            logger: logger)
        let failures = FailureCount()
        let counting = Task { await failures.follow(agent.events) }
        let running = Task { await agent.run() }

        // The readings: a meter's, one every 5 ms; the modem reboots once 40 % have arrived.
        let faultAfter = max(1, count * 2 / 5)
        let producer = Task {
            for sequence in 1...count {
                let reading = #"{"seq":\#(sequence),"kWh":\#(1200 + Double(sequence) / 10),"temperature":\#(20 + sequence % 7)}"#
                _ = try? outbox.enqueue(Array(reading.utf8))
                await agent.notifyEnqueued()
                try? await ContinuousClock().sleep(for: .milliseconds(5))
            }
        }
        let deadline = Task {
            try? await ContinuousClock().sleep(for: .seconds(60))
            arrivals.releaseAll()
        }
        await arrivals.wait(forUnique: faultAfter)
        progress("\(arrivals.snapshot.unique) readings arrived; rebooting the modem…")
        await recovery.mark()
        await runner.inject(NetworkEvent.reboot)
        await arrivals.wait(forUnique: count)
        deadline.cancel()
        await producer.value
        await agent.stop()
        await running.value
        counting.cancel()

        let counts = arrivals.snapshot
        let statistics = await runner.snapshot.statistics
        await modem.stop()
        await client.close()
        await connection.close()
        await runner.stop()
        await pair.close()

        var problems: [String] = []
        if counts.unique < count { problems.append("\(count - counts.unique) of \(count) readings did not arrive within 60 s") }
        let recoverySeconds = await recovery.seconds
        if recoverySeconds == nil { problems.append("the modem did not come back after the reboot") }
        let bytes = statistics.bytesIn + statistics.bytesOut
        let elapsed = ContinuousClock.now - started
        return Report(
            profile: profile.name, device: pair.slavePath, receiver: receiver.description, path: receiver.path(profile.name),
            tracePath: tracePath, sent: count, delivered: counts.unique, duplicates: counts.duplicates,
            failedAttempts: await failures.count, faultAfter: faultAfter, recoverySeconds: recoverySeconds,
            bytesOnTheAir: bytes, bytesPerReading: bytes / max(1, count),
            latencyMs: Self.latency(counts.latenciesMs),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            problems: problems)
    }

    static func latency(_ values: [Int64]) -> Report.Latency {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .init(p50: 0, p95: 0, max: 0) }
        func at(_ fraction: Double) -> Int64 { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))] }
        return .init(p50: at(0.5), p95: at(0.95), max: sorted[sorted.count - 1])
    }

    /// The broker (mosquitto and a subscriber), or the raw TCP receiver.
    enum Receiver {
        case broker(LocalMosquitto, DemoSubscriber)
        case lines(DemoLineReceiver, reason: String)

        var destination: String {
            switch self {
            case .broker(let broker, _): "mqtt://127.0.0.1:\(broker.port)/modemkit/demo/{device}"
            case .lines(let receiver, _): "tcp://127.0.0.1:\(receiver.port)"
            }
        }

        var description: String {
            switch self {
            case .broker(let broker, _): "mosquitto on 127.0.0.1:\(broker.port), a subscriber on modemkit/demo/#"
            case .lines(let receiver, let reason): "raw TCP receiver on 127.0.0.1:\(receiver.port) (\(reason))"
            }
        }

        func path(_ profile: String) -> String {
            switch self {
            case .broker: "outbox → MQTT 3.1.1 → \(profile) socket AT commands on a pty → virtual modem → TCP → mosquitto → subscriber"
            case .lines: "outbox → JSON lines → \(profile) socket AT commands on a pty → virtual modem → TCP → receiver"
            }
        }

        func stop() async {
            switch self {
            case .broker(let broker, let subscriber):
                await subscriber.stop()
                await broker.stop()
            case .lines(let receiver, _):
                await receiver.stop()
            }
        }
    }

    private func startReceiver(_ arrivals: DemoArrivals) async throws(CLIError) -> Receiver {
        var reason = "--no-broker"
        if useBroker {
            do {
                let broker = try await LocalMosquitto.start()
                do {
                    return .broker(broker, try await DemoSubscriber.start(port: broker.port, filter: "modemkit/demo/#", recording: arrivals))
                } catch {
                    await broker.stop()
                    reason = "subscribing failed: \(error)"
                }
            } catch {
                reason = "no MQTT broker: \(error); as root, `make demo` installs Debian's mosquitto"
            }
        }
        do {
            return .lines(try await DemoLineReceiver.start(recording: arrivals), reason: reason)
        } catch {
            throw CLIError("cannot listen on loopback: \(error)", exitCode: CLIExit.transport)
        }
    }
}

/// Counts the agent's failed attempts.
actor FailureCount {
    private(set) var count = 0

    func follow(_ events: AsyncStream<TelemetryAgent.Event>) async {
        for await event in events {
            if case .failed = event { count += 1 }
        }
    }
}

/// Measures how long the modem takes from the injected reboot back to connected.
actor RecoveryWatch {
    private var markedAt: ContinuousClock.Instant?
    private var sawOtherState = false
    private(set) var seconds: Double?
    private var task: Task<Void, Never>?

    init(_ status: AsyncStream<ModemStatusEvent>) {
        task = nil
        Task { await self.follow(status) }
    }

    func mark() { markedAt = .now }

    private func follow(_ status: AsyncStream<ModemStatusEvent>) async {
        for await event in status {
            guard case .stateChanged(let state) = event, let markedAt else { continue }
            if case .connected = state {
                if sawOtherState, seconds == nil {
                    let elapsed = ContinuousClock.now - markedAt
                    seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                }
            } else {
                sawOtherState = true
            }
        }
    }
}
