import ArgumentParser
import ModemKit

extension ModemKitCommand {
    /// `modemkit ussd CODE`.
    struct USSD: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ussd",
            abstract: "Send a USSD code (AT+CUSD=1,\"CODE\",15) and print the network's answer, decoded.",
            discussion: "Exit codes: 0 answered; 1 the modem refused; 2 not a USSD code (0-9 * # +); 3 no answer in time."
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Seconds to wait for the answer.", valueName: "seconds"))
        var timeout: Double = 30

        @Argument(help: "The code, such as *100#.")
        var code: String

        func validate() throws {
            guard (1...160).contains(code.utf8.count), code.allSatisfy({ $0.isASCII && ($0.isNumber || "*#+".contains($0)) }) else {
                throw ValidationError("A USSD code is 1 to 160 of 0-9 * # +. Nothing was sent.")
            }
            guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds.") }
        }

        struct Output: Encodable {
            var status: Int
            var text: String?
            var dcs: Int?
            var raw: String?
        }

        func run() async throws {
            let code = self.code, limit = Duration.seconds(timeout)
            let answer = try await SMSSession.run(connection, logging: logging) { service, _ throws(SMSServiceError) in
                try await service.ussd(code, timeout: limit)
            }
            let out = Output(status: answer.status, text: answer.text, dcs: answer.dataCodingScheme, raw: answer.raw)
            if output.json {
                try Console.json(out)
            } else {
                Console.out(answer.text ?? "(no text; status \(answer.status))")
            }
            if answer.status == 4 { throw CLIError("the network does not support this code", exitCode: CLIExit.modemError) }
        }
    }
}
