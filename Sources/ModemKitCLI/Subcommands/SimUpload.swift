import ArgumentParser
import Foundation
import ModemCore
import ModemKit
import VirtualModem
import VirtualModemHost

extension ModemKitCommand.Sim {
    /// `modemkit sim upload` (hidden): upload throughput of ``ModemSocket/send(_:)`` through an
    /// in-process virtual modem whose line is paced at a baud rate, against that line rate.
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure socket upload throughput through a virtual modem on a baud-paced line.",
            discussion: """
                Brings data up on a virtual modem of the profile, paces its line at --baud (10 bits \
                a byte, both directions), opens a TCP socket to a loopback sink and times \
                ModemSocket.send of --bytes bytes. Prints bytes/s and the share of the line rate.
                """,
            shouldDisplay: false
        )

        @Option(help: ArgumentHelp("The modem model (simcom-sim800, simcom-sim7600, quectel-bg96, ublox-sara-r4).", valueName: "name"))
        var profile = "quectel-bg96"

        @Option(help: ArgumentHelp("Emulated line speed in bits per second.", valueName: "bps"))
        var baud = 115_200

        @Option(help: ArgumentHelp("How many bytes to send.", valueName: "count"))
        var bytes = 65_536

        @Flag(help: "One JSON object instead of text.")
        var json = false

        func validate() throws {
            guard let profile = VirtualModemProfile.named(profile), profile.maxSockets > 0 else {
                throw ValidationError("--profile must be one with sockets: simcom-sim800, simcom-sim7600, quectel-bg96, ublox-sara-r4")
            }
            guard (300...4_000_000).contains(baud) else { throw ValidationError("--baud must be 300 to 4000000") }
            guard (1...(16 << 20)).contains(bytes) else { throw ValidationError("--bytes must be 1 to 16 MiB") }
        }

        func run() async throws {
            guard let profile = VirtualModemProfile.named(profile) else { throw CLIError("unknown profile", exitCode: CLIExit.usage) }
            let result = try await SocketUpload.measure(profile: profile, baud: baud, bytes: bytes)
            if json {
                print("{\"profile\":\"\(profile.name)\",\"baud\":\(baud),\"bytes\":\(bytes),\"seconds\":\(result.seconds),\"bytesPerSecond\":\(Int(result.bytesPerSecond)),\"lineRate\":\(result.lineRate),\"ratio\":\(result.ratio),\"bringUpSeconds\":\(result.bringUpSeconds)}")
            } else {
                print("\(profile.name) at \(baud) baud: \(bytes) bytes in \(String(format: "%.3f", result.seconds)) s = \(Int(result.bytesPerSecond)) B/s, \(String(format: "%.1f", result.ratio * 100))% of the line rate (\(result.lineRate) B/s); bring-up to the first byte on the wire \(String(format: "%.3f", result.bringUpSeconds)) s")
            }
        }
    }
}

/// The measurement behind `modemkit sim upload`.
enum SocketUpload {
    struct Result {
        var seconds: Double
        var bytesPerSecond: Double
        /// Baud / 10: bytes a second the line carries.
        var lineRate: Int
        /// From the first `AT` (at the same baud) through data up and the socket's connect to the
        /// first payload byte handed over: what a device waits after power-on before it can send
        /// (the modem's own boot is not in it).
        var bringUpSeconds: Double
        var ratio: Double { bytesPerSecond / Double(lineRate) }
    }

    static func measure(profile: VirtualModemProfile, baud: Int, bytes count: Int) async throws(CLIError) -> Result {
        let sink: LoopbackSink
        do {
            sink = try await LoopbackSink.start()
        } catch {
            throw CLIError("cannot start the loopback sink: \(error)", exitCode: CLIExit.transport)
        }
        let (transport, runner) = await ModemConnection.startVirtualModem(profile)
        let client = ATClient(transport: transport)
        let session = (try? DataSessionSettings(apn: "internet")) ?? DataSessionSettings()
        let modem = Modem(client: client, configuration: .init(
            lifecycle: .init(registrationPollInterval: .milliseconds(200), dataSession: session), probeTimeout: .milliseconds(200)
        ))
        let status = modem.status()
        // The whole session runs at the line's speed, bring-up included.
        var plan = FaultPlan()
        plan.baudRate = baud
        await runner.setFaults(plan)
        let powerOn = ContinuousClock.now
        await modem.start()
        do {
            guard await dataUp(status) else { throw CLIError("the virtual modem did not bring data up", exitCode: CLIExit.transport) }
            let socket = try await ModemSockets.service(for: modem, session: session).connect(host: "127.0.0.1", port: sink.port)
            let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0) }
            try await socket.send(Array(payload.prefix(1)))
            let bringUp = powerOn.duration(to: .now)
            let start = ContinuousClock.now
            try await socket.send(Array(payload.dropFirst()))
            let elapsed = start.duration(to: .now)
            await socket.close()
            await stop(modem, client, runner, sink)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Result(
                seconds: seconds, bytesPerSecond: Double(max(1, count - 1)) / seconds, lineRate: baud / 10,
                bringUpSeconds: Double(bringUp.components.seconds) + Double(bringUp.components.attoseconds) / 1e18)
        } catch {
            await stop(modem, client, runner, sink)
            throw error as? CLIError ?? CLIError("upload failed: \(error)", exitCode: CLIExit.transport)
        }
    }

    private static func stop(_ modem: Modem, _ client: ATClient, _ runner: VirtualModemRunner, _ sink: LoopbackSink) async {
        await modem.stop()
        await client.close()
        await runner.stop()
        await sink.stop()
    }

    /// Waits (at most 30 s) until the modem reports its data session's addresses.
    static func dataUp(_ status: AsyncStream<ModemStatusEvent>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await event in status { if case .addressesAssigned = event { return true } }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
