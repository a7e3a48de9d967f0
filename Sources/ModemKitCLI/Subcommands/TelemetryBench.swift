import ArgumentParser
import Foundation
import Logging
import ModemTelemetry
import VirtualModem

extension ModemKitCommand {
    /// `modemkit telemetry bench` (hidden): end-to-end delivery rates through a virtual modem,
    /// per socket dialect and destination kind, beside the same senders over host sockets.
    struct TelemetryBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Measure readings/s end to end through a virtual modem, per dialect and destination, against host sockets.",
            discussion: """
                For each profile and destination kind, --count readings are enqueued in a fresh \
                outbox, then timed from the agent's start until a loopback receiver has all of \
                them: outbox → agent → sender → the dialect's socket AT commands → an in-process \
                virtual modem (fast timing, no baud limit) → loopback socket → receiver. The \
                baseline runs the same outbox, agent and sender over host sockets to the same \
                receiver just before. MQTT goes through Debian's mosquitto (skipped, saying so, \
                when it is not installed). See docs/performance.md.

                  modemkit telemetry bench
                  modemkit telemetry bench --count 50 --profile quectel-bg96 --kind tcp --json
                """,
            shouldDisplay: false
        )

        static let socketProfiles = ["quectel-bg96", "simcom-sim800", "simcom-sim7600", "ublox-sara-r4"]

        @Option(help: "Readings per run.")
        var count = 1000
        @Option(name: .customLong("profile"), help: ArgumentHelp("Socket dialect profile, repeatable (default: all four).", valueName: "name"))
        var profiles: [String] = []
        @Option(name: .customLong("kind"), help: ArgumentHelp("Destination kind, repeatable: mqtt, http, tcp, udp (default: all).", valueName: "kind"))
        var kinds: [TelemetryBenchReceiver.Kind] = []
        @Option(help: "Readings the agent hands to a sender at once.")
        var batch = 20
        @Option(help: ArgumentHelp("Seconds a run may take before it counts as failed.", valueName: "seconds"))
        var timeout: Double = 120
        @Flag(help: "Skip the host-socket baseline.")
        var noBaseline = false

        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be 1 to 1000000.") }
            guard (1...1000).contains(batch) else { throw ValidationError("--batch must be 1 to 1000.") }
            guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
            for name in profiles where !Self.socketProfiles.contains(name) {
                throw ValidationError("Unknown socket profile '\(name)'. Known: \(Self.socketProfiles.joined(separator: ", ")).")
            }
        }

        /// One row: a dialect and a destination kind, through the modem and (unless skipped) the host.
        struct Row: Codable {
            var profile: String
            var kind: TelemetryBenchReceiver.Kind
            var modem: TelemetryBenchRun.Result
            var host: TelemetryBenchRun.Result?
            /// Modem time ÷ host time for the same readings.
            var modemOverHost: Double?
        }

        struct Output: Codable {
            var count: Int
            var batch: Int
            var rows: [Row]
            var skipped: [String]
        }

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-telemetry-bench-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var result = Output(count: count, batch: batch, rows: [], skipped: [])
            var broker: LocalMosquitto?
            let chosenKinds = kinds.isEmpty ? TelemetryBenchReceiver.Kind.allCases : kinds
            if chosenKinds.contains(.mqtt) {
                do {
                    broker = try await LocalMosquitto.start()
                } catch {
                    result.skipped.append("mqtt: \(error)")
                    Console.error("telemetry bench: skipping mqtt: \(error)")
                }
            }
            let logger = logging.logger(label: "modemkit.bench")
            if !output.json { Console.out(Self.header) }
            for kind in chosenKinds where kind != .mqtt || broker != nil {
                let receiver: TelemetryBenchReceiver
                do {
                    receiver = try await TelemetryBenchReceiver.start(kind, brokerPort: broker?.port)
                } catch {
                    await broker?.stop()
                    throw CLIError("cannot start the \(kind.rawValue) receiver: \(error)", exitCode: CLIExit.transport)
                }
                do {
                    for name in profiles.isEmpty ? Self.socketProfiles : profiles {
                        guard let profile = VirtualModemProfile.named(name) else { continue }
                        let row = try await measure(profile: profile, receiver: receiver, folder: folder, logger: logger)
                        result.rows.append(row)
                        if !output.json { Console.out(Self.line(row)) }
                    }
                } catch {
                    // Leave no broker behind.
                    await receiver.stop()
                    await broker?.stop()
                    throw error
                }
                await receiver.stop()
            }
            await broker?.stop()
            if output.json { try Console.json(result) }
            if result.rows.contains(where: { $0.modem.arrived < count || ($0.host.map { $0.arrived < count } ?? false) }) {
                throw ExitCode(CLIExit.modemError)
            }
        }

        private func measure(profile: VirtualModemProfile, receiver: TelemetryBenchReceiver, folder: String, logger: Logger) async throws(CLIError) -> Row {
            let tag = "\(profile.name.filter { $0.isLetter || $0.isNumber })\(receiver.kind.rawValue)"
            let bound = Duration.milliseconds(Int64(timeout * 1000))
            var host: TelemetryBenchRun.Result?
            if !noBaseline {
                host = try await TelemetryBenchRun.measure(
                    path: .host, receiver: receiver, count: count, batch: batch, folder: folder, name: tag + "host", timeout: bound, logger: logger)
            }
            let modem = try await TelemetryBenchRun.measure(
                path: .modem(profile), receiver: receiver, count: count, batch: batch, folder: folder, name: tag + "modem", timeout: bound, logger: logger)
            if let failure = modem.failure { Console.error("\(profile.name) \(receiver.kind.rawValue): \(failure)") }
            if let failure = host?.failure { Console.error("host \(receiver.kind.rawValue): \(failure)") }
            return Row(profile: profile.name, kind: receiver.kind, modem: modem, host: host, modemOverHost: host.map { modem.seconds / $0.seconds })
        }

        static let header = "profile         kind      arrived   modem r/s   host r/s  modem/host  AT B/reading  AT cmds/reading  socket B/reading"

        static func line(_ row: Row) -> String {
            func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            let host = row.host.map { String(format: "%.0f", $0.readingsPerSecond) } ?? "-"
            let ratio = row.modemOverHost.map { String(format: "%.1f×", $0) } ?? "-"
            let air = row.modem.atBytesPerReading.map { String(format: "%.1f", $0) } ?? "-"
            let commands = row.modem.atCommandsPerReading.map { String(format: "%.2f", $0) } ?? "-"
            return row.profile.padding(toLength: 16, withPad: " ", startingAt: 0) + row.kind.rawValue
                + pad("\(row.modem.arrived)/\(row.modem.readings)", 17 - row.kind.rawValue.count) + pad(String(format: "%.0f", row.modem.readingsPerSecond), 12)
                + pad(host, 11) + pad(ratio, 12) + pad(air, 14) + pad(commands, 17) + pad(String(format: "%.1f", row.modem.socketBytesPerReading), 18)
        }
    }
}
