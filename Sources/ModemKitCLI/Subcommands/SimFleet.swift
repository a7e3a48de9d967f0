import ArgumentParser
import Foundation
import VirtualModem
import VirtualModemHost

extension ModemKitCommand.Sim {
    /// `modemkit sim fleet`: many virtual modems in one process, each running a workload.
    struct Fleet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run N virtual modems in one process, each booting, registering, attaching, sending to a loopback sink and closing.",
            discussion: """
                Each modem is driven by a built-in host that types the profile's AT commands: \
                boot (AT until OK), register (+CEREG?/+CREG? until registered), attach (+CGATT=1), \
                open a TCP socket to a sink on 127.0.0.1, send --payload bytes, close. \
                Reports wall time, commands per second, memory per modem and what the sink received.

                --timing fast (the default) shortens boot and registration to milliseconds so the \
                run measures the simulator; --timing real keeps the profile's own times.

                --telemetry [mqtt://127.0.0.1:port/topic] makes each modem an MQTT client instead: \
                through its socket AT commands it sends CONNECT (client ID fleet-<index>), waits for \
                CONNACK, publishes --readings QoS 1 telemetry envelopes to <topic>/<index>, waits for \
                the PUBACKs, disconnects and closes. Without a URL it starts its own mosquitto. A \
                subscriber on <topic>/# counts what the broker delivered, and the same MQTT \
                connections and publishes are made again over host sockets as the baseline.
                """
        )

        @Option(help: "How many modems.")
        var count = 1000

        @Option(help: ArgumentHelp("The modem model.", valueName: "name"))
        var profile = "quectel-bg96"

        @Option(help: "Seed of modem 0 (modem i gets seed + i).")
        var seed: UInt64 = 1

        @Option(help: "Bytes each modem sends.")
        var payload = 100

        @Option(help: ArgumentHelp("fast or real.", valueName: "timing"))
        var timing = "fast"

        @Flag(help: "Also run the baseline: the same connections and bytes straight from the process, no modem.")
        var baseline = false

        @Flag(help: "Print the report as JSON.")
        var json = false

        @Flag(help: "Publish telemetry over MQTT from every modem (to the broker URL given, else to a mosquitto started here).")
        var telemetry = false

        @Argument(help: ArgumentHelp("With --telemetry: the broker and topic (default: a new mosquitto, topic fleet).", valueName: "mqtt://host:port/topic"))
        var brokerURL: String?

        @Option(help: "With --telemetry: QoS 1 readings each modem publishes.")
        var readings = 10

        func validate() throws {
            guard (1...200_000).contains(count) else { throw ValidationError("--count must be 1 to 200000.") }
            guard VirtualModemProfile.named(profile) != nil else {
                throw ValidationError("Unknown profile '\(profile)'. Known: \(VirtualModemProfile.builtIn.map(\.name).joined(separator: ", ")).")
            }
            guard (1...1460).contains(payload) else { throw ValidationError("--payload must be 1 to 1460.") }
            guard timing == "fast" || timing == "real" else { throw ValidationError("--timing is fast or real.") }
            guard telemetry || brokerURL == nil else { throw ValidationError("A broker URL goes with --telemetry.") }
            guard (0...10_000).contains(readings) else { throw ValidationError("--readings must be 0 to 10000.") }
            if telemetry {
                if VirtualModemProfile.named(profile)?.dialect == .generic {
                    throw ValidationError("--telemetry needs a profile with socket commands; '\(profile)' has none.")
                }
                if let brokerURL {
                    do {
                        _ = try FleetTelemetryRun.Target.parse(brokerURL)
                    } catch {
                        throw ValidationError(error.message)
                    }
                }
            }
        }

        struct Output: Codable {
            var profile: String
            var fleet: VirtualModemFleet.Report
            var modemStateBytes: Int
            var residentBytesPerModem: Int
            var peakResidentBytesPerModem: Int
            var sinkConnections: Int
            var sinkBytes: Int
            var baselineSeconds: Double?
            var ratioToBaseline: Double?
        }

        func run() async throws {
            guard var chosen = VirtualModemProfile.named(profile) else { return }
            if timing == "fast" { chosen.timing = SimTiming.fast }
            if telemetry {
                try await runTelemetry(chosen)
                return
            }
            OpenFiles.raiseSoftLimit()
            let sink: LoopbackSink
            do {
                sink = try await LoopbackSink.start()
            } catch {
                throw CLIError("cannot start the loopback sink: \(error)", exitCode: CLIExit.transport)
            }
            let before = FleetMemory.residentBytes()
            let fleet = VirtualModemFleet(
                count: count,
                configuration: VirtualModemConfiguration(profile: chosen, seed: seed),
                workload: .connectAndSend(dialect: chosen.dialect, port: sink.port, payloadSize: payload),
                sockets: SimNetwork.bridge
            )
            let after = FleetMemory.residentBytes()
            if !json { Console.progress("\(count) virtual \(chosen.name) modems created; running…") }
            let report = await fleet.run()
            let peak = FleetMemory.peakResidentBytes()
            let totals = await sink.totals(
                reaching: report.completed, bytes: report.completed * payload, within: .seconds(5))
            var baselineSeconds: Double?
            if baseline {
                let run = await FleetBaseline.run(count: count, port: sink.port, payloadSize: payload)
                if run.failed > 0 { Console.error("baseline: \(run.failed) connections failed") }
                baselineSeconds = run.seconds
            }
            await sink.stop()
            let output = Output(
                profile: chosen.name, fleet: report, modemStateBytes: MemoryLayout<VirtualModem>.stride,
                residentBytesPerModem: max(0, after - before) / count,
                peakResidentBytesPerModem: max(0, peak - before) / count,
                sinkConnections: totals.connections, sinkBytes: totals.bytes,
                baselineSeconds: baselineSeconds,
                ratioToBaseline: baselineSeconds.map { $0 > 0 ? report.wallSeconds / $0 : 0 }
            )
            if json {
                try Console.json(output)
            } else {
                Console.out("modems        \(report.count) \(chosen.name): \(report.completed) completed, \(report.failed) failed")
                Console.out(String(format: "wall time     %.3f s", report.wallSeconds))
                Console.out(String(format: "commands      %d (%.0f per second)", report.commands, report.commandsPerSecond))
                Console.out("memory        \(output.residentBytesPerModem) bytes resident per modem after creation (struct \(output.modemStateBytes) bytes); peak \(output.peakResidentBytesPerModem) bytes per modem with sockets open")
                Console.out("sink          \(totals.connections) connections, \(totals.bytes) bytes")
                if let baselineSeconds, let ratio = output.ratioToBaseline {
                    Console.out(String(format: "baseline      %.3f s for the same connections without modems; fleet/baseline %.1f×", baselineSeconds, ratio))
                }
                for failure in report.failures.prefix(5) { Console.out("failure       \(failure)") }
            }
            if report.failed > 0 { throw ExitCode(CLIExit.modemError) }
        }
    }
}

/// Timing for in-process virtual modems (`--sim`, `sim fleet --timing fast`): boot and
/// registration in milliseconds, so runs measure the simulator rather than wait for boots.
enum SimTiming {
    static let fast = VirtualModemProfile.Timing(
        bootTime: .milliseconds(5), simBusyTime: .milliseconds(5), searchDelay: .milliseconds(5),
        registrationDelay: .milliseconds(20), operatorScanTime: .milliseconds(50),
        activationTime: .milliseconds(5), signalStep: .seconds(5)
    )
}

/// The process's resident memory, from /proc/self/statm and getrusage.
enum FleetMemory {
    /// The most the process has had resident so far.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
