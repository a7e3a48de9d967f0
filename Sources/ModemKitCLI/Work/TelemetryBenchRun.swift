import Foundation
import Logging
import ModemCore
import ModemKit
import ModemTelemetry
import Telemetry
import VirtualModem
import VirtualModemHost

/// One measurement of `modemkit telemetry bench`: `count` readings pre-enqueued in a fresh
/// outbox, then timed from the agent's start until the receiver has every one of them.
///
/// Through a modem (``Path/modem(_:)``): outbox → agent → sender → ``ModemDataConnector`` →
/// the dialect's socket AT commands → an in-process virtual modem (fast timing, no baud limit)
/// → its loopback socket bridge → the receiver. The baseline (``Path/host``) is the same
/// outbox, agent and sender over ``HostSocketConnector``.
enum TelemetryBenchRun {
    enum Path: Sendable {
        case modem(VirtualModemProfile)
        case host
    }

    struct Result: Codable, Sendable {
        var readings: Int
        /// Distinct readings the receiver got.
        var arrived: Int
        var seconds: Double
        var readingsPerSecond: Double
        /// Bytes the host wrote to the modem's AT port during the run (modem path only).
        var atBytesIn: Int?
        /// Bytes the modem wrote back on its AT port during the run (modem path only).
        var atBytesOut: Int?
        /// (AT bytes in + out) ÷ readings.
        var atBytesPerReading: Double?
        /// AT command lines the modem executed ÷ readings.
        var atCommandsPerReading: Double?
        /// Bytes the sender handed to its socket (packets, requests, lines, datagrams) ÷ readings.
        var socketBytesPerReading: Double
        /// Why delivery failed, when the agent reported it.
        var failure: String?
    }

    /// Runs one measurement. `folder` holds the outbox; `name` makes the MQTT client ID unique.
    static func measure(
        path: Path, receiver: TelemetryBenchReceiver, count: Int, batch: Int, folder: String, name: String,
        timeout: Duration, logger: Logger
    ) async throws(CLIError) -> Result {
        receiver.tally.reset()
        let outbox = try makeOutbox(folder: folder, name: name, count: count)
        let modem: BenchModem?
        let connector: CountingConnector
        switch path {
        case .modem(let profile):
            let started = try await BenchModem.start(profile, logger: logger)
            modem = started
            connector = CountingConnector(ModemDataConnector(modem: started.modem, session: started.session))
        case .host:
            modem = nil
            connector = CountingConnector(HostSocketConnector())
        }
        let routes: [TelemetryAgent.Route]
        do {
            routes = try TelemetryRoutes(connector: connector, device: name, logger: logger).make([receiver.url])
        } catch {
            await modem?.stop()
            throw CLIError("\(error)", exitCode: CLIExit.usage)
        }
        let agent = TelemetryAgent(queue: outbox, routes: routes, configuration: .init(batchSize: batch, pollInterval: nil), logger: logger)
        let failures = Task {
            var last: String?
            for await event in agent.events {
                if case .failed(_, let reason, _) = event { last = reason }
            }
            return last
        }
        let before = await modem?.runner.snapshot.statistics
        let clock = ContinuousClock()
        let start = clock.now
        let running = Task { await agent.run() }
        let arrived = await receiver.tally.wait(for: count, within: timeout)
        let elapsed = ModemKitCommand.TelemetrySend.seconds(start.duration(to: clock.now))
        let after = await modem?.runner.snapshot.statistics
        await agent.stop()
        await running.value
        let failure = await failures.value
        await modem?.stop()
        var result = Result(
            readings: count, arrived: arrived, seconds: elapsed, readingsPerSecond: Double(arrived) / elapsed,
            socketBytesPerReading: Double(connector.bytesSent) / Double(count),
            failure: arrived < count ? (failure ?? "not all readings arrived within the timeout") : nil)
        if let before, let after {
            result.atBytesIn = after.bytesIn - before.bytesIn
            result.atBytesOut = after.bytesOut - before.bytesOut
            result.atBytesPerReading = Double(after.bytesIn - before.bytesIn + after.bytesOut - before.bytesOut) / Double(count)
            result.atCommandsPerReading = Double(after.commandLines - before.commandLines) / Double(count)
        }
        return result
    }

    /// A fresh outbox holding `count` readings (the reading of `outbox-stress --bench`, numbered).
    private static func makeOutbox(folder: String, name: String, count: Int) throws(CLIError) -> Outbox {
        let path = folder + "/\(name).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var configuration = OutboxConfiguration()
        configuration.capacity = count
        do {
            let outbox = try Outbox(path: path, configuration: configuration)
            let payloads = (0..<count).map { ModemKitCommand.OutboxStress.payload($0) }
            var next = 0
            while next < count {
                let end = min(count, next + 1000)
                _ = try outbox.enqueue(batch: Array(payloads[next..<end]))
                next = end
            }
            return outbox
        } catch {
            throw CLIError("outbox: \(error)", exitCode: CLIExit.transport)
        }
    }
}

/// An in-process virtual modem of a profile with the `Modem` over it, data up.
struct BenchModem {
    let runner: VirtualModemRunner
    let client: ATClient
    let modem: Modem
    let session: DataSessionSettings

    static func start(_ profile: VirtualModemProfile, logger: Logger) async throws(CLIError) -> BenchModem {
        let (transport, runner) = await ModemConnection.startVirtualModem(profile)
        let client = ATClient(transport: transport, logger: logger)
        let session = (try? DataSessionSettings(apn: "internet")) ?? DataSessionSettings()
        let modem = Modem(client: client, configuration: .init(lifecycle: .init(dataSession: session)), logger: logger)
        let status = modem.status()
        await modem.start()
        let started = BenchModem(runner: runner, client: client, modem: modem, session: session)
        guard await SocketUpload.dataUp(status) else {
            await started.stop()
            throw CLIError("the virtual \(profile.name) modem did not bring data up", exitCode: CLIExit.transport)
        }
        return started
    }

    func stop() async {
        await modem.stop()
        await client.close()
        await runner.stop()
    }
}
