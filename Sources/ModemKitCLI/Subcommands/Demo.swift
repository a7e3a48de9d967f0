import ArgumentParser
import Foundation
import VirtualModem
import VirtualModemHost
import ModemTransport

extension ModemKitCommand {
    /// `modemkit demo`: the whole stack against the virtual modem, no hardware needed.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run ModemKit against the built-in virtual modem on a pseudo-terminal (no hardware needed).",
            discussion: """
                Creates a pseudo-terminal, runs the virtual modem (generic 3GPP profile) on its master side and opens \
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

        @Option(help: ArgumentHelp("With --serve: also make a symlink to the pseudo-terminal here.", valueName: "path"))
        var link: String?

        func validate() throws {
            if let record, record.isEmpty { throw ValidationError("--record needs a file name.") }
            if link != nil, !serve { throw ValidationError("--link goes with --serve.") }
            if serve, record != nil || output.json { throw ValidationError("--serve takes neither --record nor --json.") }
        }

        func run() async throws {
            if serve { return try await serveModem() }
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
