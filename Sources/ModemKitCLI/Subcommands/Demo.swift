import ArgumentParser
import Foundation
import VirtualModem
import VirtualModemHost
import ModemTransport

extension ModemKitCommand {
    /// `modemkit demo`: the whole stack against the virtual modem, no hardware needed.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send telemetry through the whole stack to a real MQTT broker, via the built-in virtual modem (no hardware needed).",
            discussion: """
                Starts Debian's mosquitto on a free loopback port and a subscriber on it, runs a \
                virtual modem (Quectel BG96 by default) on a pseudo-terminal opened through the \
                serial transport, brings its data session up, and sends a stream of readings: \
                outbox (SQLite) → MQTT 3.1.1 → the modem's socket AT commands → virtual modem → \
                real TCP → mosquitto → subscriber. Once 40 % have arrived the modem reboots; the \
                readings still arrive, each once by ID. Prints what arrived, retries, bytes on the \
                AT line and latency. Without mosquitto (not installed, not root), it says so and \
                sends JSON lines over raw TCP to a receiver inside the demo instead.

                With --tour, a walk through the AT engine instead: creates a pseudo-terminal, runs the virtual modem (generic 3GPP profile) on its master side and opens \
                the slave side with the serial transport, as a real modem would be opened. Then \
                reads the modem info, sends a few commands (one fails with a typed +CME error), \
                shows an injection attempt refused before writing, has the virtual network deliver an SMS (+CMTI), collects URCs and prints a \
                summary with round-trip times. Every byte is recorded to a trace file.

                With --serve, only starts the virtual modem and waits (Ctrl-C stops it), so                 that other commands can talk to it: modemkit at --device <path> AT+CSQ.

                Exit codes: 0 everything behaved as expected; 1 something did not; \
                3 the modem did not answer; 4 the pseudo-terminal or trace file could not be opened.
                """
        )

        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Trace file (default: a new file under the temporary directory).", valueName: "file"))
        var record: String?

        @Flag(help: "Only run the virtual modem on a pseudo-terminal and wait, for other modemkit commands to use.")
        var serve = false

        @Flag(help: "The AT engine tour (commands, a typed error, a refused injection, an SMS) instead of telemetry.")
        var tour = false

        @Option(help: "Readings to send.")
        var count = 200

        @Option(help: ArgumentHelp("Virtual modem profile for the telemetry demo (quectel-bg96, simcom-sim800, simcom-sim7600, ublox-sara-r4).", valueName: "profile"))
        var profile = "quectel-bg96"

        @Flag(name: .customLong("no-broker"), help: "Skip mosquitto: send JSON lines over raw TCP to a receiver inside the demo.")
        var noBroker = false

        @Option(help: ArgumentHelp("With --serve: also make a symlink to the pseudo-terminal here.", valueName: "path"))
        var link: String?

        func validate() throws {
            if let record, record.isEmpty { throw ValidationError("--record needs a file name.") }
            if link != nil, !serve { throw ValidationError("--link goes with --serve.") }
            if serve, record != nil || output.json { throw ValidationError("--serve takes neither --record nor --json.") }
            guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000.") }
            guard ["quectel-bg96", "simcom-sim800", "simcom-sim7600", "ublox-sara-r4"].contains(profile) else {
                throw ValidationError("--profile must be a profile with sockets: quectel-bg96, simcom-sim800, simcom-sim7600 or ublox-sara-r4.")
            }
        }

        func run() async throws {
            if serve { return try await serveModem() }
            if !tour { return try await telemetryDemo() }
            let run = DemoRun(
                tracePath: try record ?? DemoRun.defaultTracePath(),
                logger: logging.logger(label: "modemkit.demo"),
                progress: { Console.progress("[demo] " + $0) }
            )
            let report = try await run.run()
            if output.json {
                try Console.json(report)
            } else {
                report.printHuman()
            }
            if !report.problems.isEmpty { throw ExitCode(CLIExit.modemError) }
        }
    
        private func telemetryDemo() async throws {
            let demo = TelemetryDemo(
                count: count, profileName: profile, useBroker: !noBroker,
                tracePath: try record ?? DemoRun.defaultTracePath(),
                logger: logging.logger(label: "modemkit.demo"),
                progress: { Console.progress("[demo] " + $0) })
            let report = try await demo.run()
            if output.json {
                try Console.json(report)
            } else {
                report.printHuman()
            }
            if !report.ok { throw ExitCode(CLIExit.modemError) }
        }

        /// Runs the virtual modem on a pseudo-terminal until the process is stopped.
        private func serveModem() async throws {
            let pair: PseudoTerminalPair
            do {
                pair = try PseudoTerminalPair(symlinkPath: link)
            } catch {
                throw CLIError("cannot create a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
            }
            let modem = VirtualModemRunner(
                modem: VirtualModem(configuration: DemoRun.modemConfiguration), transport: pair, sockets: SocketBridge.loopback
            )
            await modem.start()
            let path = link ?? pair.slavePath
            Console.out("Virtual modem answering on \(pair.slavePath)" + (link.map { " (symlink \($0))" } ?? ""))
            Console.out("Try: modemkit at --device \(path) AT+CSQ 'AT+COPS?'")
            Console.out("     modemkit info --device \(path)")
            Console.out("     modemkit terminal --device \(path)")
            Console.out("Ctrl-C stops it.")
            let signals = SignalStop { await modem.stop() }
            await modem.waitUntilStopped()
            await pair.close()
            signals.cancel()
        }
    }
}
