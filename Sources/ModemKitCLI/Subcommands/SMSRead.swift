import ArgumentParser
import ModemKit

extension ModemKitCommand {
    /// `modemkit sms read INDEX`.
    struct SMSRead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",
            abstract: "Read one stored message (AT+CMGR=INDEX). Exit code 1 if the slot is empty."
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var storage: SMSStorageOption

        @Argument(help: "The message's index in the storage.")
        var index: Int

        func validate() throws {
            guard index >= 0 else { throw ValidationError("INDEX must not be negative.") }
        }

        func run() async throws {
            let selected = storage.selected, index = self.index
            let message = try await SMSSession.run(connection, logging: logging, configuration: .init(deleteAfterReading: false)) { service, _ throws(SMSServiceError) in
                try await service.read(index, in: selected)
            }
            guard let message else { throw CLIError("no message at index \(index) of \(selected)", exitCode: CLIExit.modemError) }
            let out = SMSMessageOutput(message, pdu: message.hex)
            if output.json { try Console.json(out) } else { Console.out(out.human) }
        }
    }
}
