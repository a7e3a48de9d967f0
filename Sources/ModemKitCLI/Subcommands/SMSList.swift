import ArgumentParser
import ATCodec
import ModemKit
import SMSPDU

extension ModemKitCommand {
    /// `modemkit sms list`.
    struct SMSList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the messages in a storage (AT+CPMS, AT+CMGL=4); received ones become read."
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var storage: SMSStorageOption

        @Flag(help: "Include each message's PDU (hex) in the output.")
        var pdu = false

        func run() async throws {
            let selected = storage.selected
            let (messages, usage) = try await SMSSession.run(connection, logging: logging, configuration: .init(deleteAfterReading: false)) { service, _ throws(SMSServiceError) in
                (try await service.list(selected), try await service.storageUsage())
            }
            let outputs = messages.map { SMSMessageOutput($0, pdu: pdu ? $0.hex : nil) }
            if output.json {
                try Console.json(outputs)
            } else {
                for message in outputs { Console.out(message.human) }
                if let first = usage.first { Console.error("\(selected): \(first.used) of \(first.total) used") }
            }
        }
    }
}

/// `--storage SM|ME|MT|SR`, shared by list, read and delete.
struct SMSStorageOption: ParsableArguments {
    @Option(help: ArgumentHelp("Message storage: SM (SIM), ME (modem), MT (both), SR (reports).", valueName: "name"))
    var storage = "SM"

    var selected: SMSStorage { SMSStorage(rawValue: storage.uppercased()) }

    func validate() throws {
        guard selected.isSendable else { throw ValidationError("--storage must be 1 to 8 letters or digits, such as SM or ME.") }
    }
}
