import ArgumentParser
import ModemKit

extension ModemKitCommand {
    /// `modemkit info`: identity, SIM, signal, registration and operator in one report.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the modem's identity, SIM, signal, registration and operator.",
            discussion: """
                Each item that cannot be read is shown as unavailable with the modem's reason \
                (e.g. +CME ERROR: 10 (SIM not inserted)); the others are still read. The ICCID \
                is tried with AT+CCID, AT+ICCID and AT+QCCID in turn.

                Exit codes: 0 report printed (some items may be unavailable); 2 usage error; \
                3 the modem did not answer AT; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Seconds to wait for each answer.", valueName: "seconds"))
        var timeout: Double = 5

        func validate() throws {
            guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds.") }
        }

        func run() async throws {
            let connection = try await ModemConnection.open(self.connection)
            Console.progress("Connected to \(connection.summary); reading modem info…")
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let collected: Result<ModemInfo, CLIError>
            do {
                collected = .success(try await ModemInfo.collect(from: client, timeout: .seconds(timeout)))
            } catch {
                collected = .failure(error)
            }
            await client.close()
            await connection.close()
            let info = try collected.get()
            if output.json {
                try Console.json(info)
            } else {
                for line in info.humanLines { Console.out(line) }
            }
        }
    }
}
