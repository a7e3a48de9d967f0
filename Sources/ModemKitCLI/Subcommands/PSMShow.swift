import ArgumentParser
import ATCodec
import ModemCore
import ModemKit

extension ModemKitCommand {
    /// `modemkit psm show`: the requested setting (`AT+CPSMS?`) and the grant (`AT+CEREG?` at
    /// level 4).
    struct PSMShow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the PSM timers requested (AT+CPSMS?) and granted (+CEREG at level 4).",
            discussion: """
                    → AT+CPSMS?    ← +CPSMS: 1,,,"00000110","00000101"
                    → AT+CEREG=4   → AT+CEREG?   ← +CEREG: 4,1,"1A2B","01A2B3C4",7,,,"00000101","00000110"

                Sets registration reporting to level 4 so the granted timers are printed. \
                Exit codes: 0 printed; 1 the modem refused AT+CPSMS?; 2 usage error; 3 no \
                answer; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let connection = try await ModemConnection.open(self.connection)
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let result: Result<PowerSavingReport, CLIError>
            do {
                let requested = try await client.send(CPSMS.Read())
                _ = try? await client.send(CEREG.Set(mode: .locationPSMAndCause))
                let registration = try? await client.send(CEREG.Read())
                result = .success(PowerSavingReport(requested: requested, granted: registration.flatMap(PowerSavingGrant.init)))
            } catch {
                result = .failure(RegistrationRun.failure(error, "AT+CPSMS?"))
            }
            await client.close()
            await connection.close()
            let report = try result.get()
            if output.json { try Console.jsonLine(report) } else { report.humanLines.forEach { Console.out($0) } }
        }
    }

    /// `modemkit psm off`: `AT+CPSMS=0`.
    struct PSMOff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "off",
            abstract: "Turn PSM off (AT+CPSMS=0).",
            discussion: "Exit codes: 0 done; 1 the modem refused; 2 usage error; 3 no answer; 4 device or connection failure."
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let connection = try await ModemConnection.open(self.connection)
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            var failure: CLIError?
            do {
                try await client.send(CPSMS.Set.disable)
            } catch {
                failure = RegistrationRun.failure(error, "AT+CPSMS=0")
            }
            await client.close()
            await connection.close()
            if let failure { throw failure }
            Console.out("PSM off")
        }
    }
}
