import ArgumentParser
import ATCodec
import ModemKit

extension ModemKitCommand {
    /// `modemkit at COMMAND...`: sends command lines one after the other and prints the answers.
    struct AT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "at",
            abstract: "Send AT command lines and print the modem's answers.",
            discussion: """
                Each COMMAND is one line such as AT+CSQ or 'AT+COPS?' (quote it for the shell). \
                Lines holding CR, LF, Ctrl-Z, ESC or other control characters are refused before \
                anything is written. URCs that arrive meanwhile are printed on stderr \
                (with --json, under "urcs").

                Exit codes: 0 all succeeded; 1 the modem answered an error; 2 usage error; \
                3 no answer in time; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Seconds to wait for each command's final result.", valueName: "seconds"))
        var timeout: Double = 10

        @Argument(help: ArgumentHelp("AT command lines, sent in order.", valueName: "command"))
        var commands: [String]

        func validate() throws {
            guard !commands.isEmpty else { throw ValidationError("Give at least one AT command, e.g. AT+CSQ.") }
            guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
            _ = try checkedCommands()
        }

        /// Every command line, checked by ``ATCommandLine/raw(_:)`` before anything is opened.
        func checkedCommands() throws -> [ATRawCommand] {
            try commands.map { text in
                do {
                    return try ATExchange.command(text, timeout: .seconds(timeout))
                } catch {
                    throw ValidationError("Refused \"\(ATText.escaped(text.utf8))\": \(error). Nothing was sent.")
                }
            }
        }

        func run() async throws {
            let lines = try checkedCommands()
            let connection = try await ModemConnection.open(self.connection)
            Console.progress("Connected to \(connection.summary)")
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let urcs = URCCollector(client)
            var exchanges: [ATExchange] = []
            for (index, command) in lines.enumerated() {
                var exchange = await ATExchange.run(command, on: client)
                exchange.urcs = await urcs.take().map(\.text)
                exchanges.append(exchange)
                if !output.json {
                    if index > 0 { Console.out() }
                    printURCs(exchange.urcs)
                    exchange.printHuman()
                }
                if exchange.outcome == .noAnswer || exchange.outcome == .connectionLost {
                    let skipped = lines.count - index - 1
                    if skipped > 0 { Console.error("modemkit: \(skipped) more command(s) not sent") }
                    break
                }
            }
            await client.close()
            let late = await urcs.finish().map(\.text)
            await connection.close()
            if output.json {
                if !late.isEmpty, !exchanges.isEmpty { exchanges[exchanges.count - 1].urcs += late }
                try Console.json(exchanges)
            } else {
                printURCs(late)
            }
            let code = ATExchange.exitCode(for: exchanges)
            if code != CLIExit.success { throw ExitCode(code) }
        }

        private func printURCs(_ urcs: [String]) {
            for urc in urcs { Console.error("URC \(urc)") }
        }
    }
}
