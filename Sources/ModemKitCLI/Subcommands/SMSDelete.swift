import ArgumentParser
import ATCodec
import ModemKit

extension ModemKitCommand {
    /// `modemkit sms delete INDEX` / `--all`.
    struct SMSDelete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a stored message (AT+CMGD=INDEX), or all of them (--all: AT+CMGD=1,4)."
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var storage: SMSStorageOption

        @Flag(help: "Delete every message in the storage.")
        var all = false

        @Argument(help: "The message's index in the storage.")
        var index: Int?

        func validate() throws {
            guard all != (index != nil) else { throw ValidationError("Give either INDEX or --all.") }
            if let index, index < 0 { throw ValidationError("INDEX must not be negative.") }
        }

        func run() async throws {
            let selected = storage.selected, index = self.index ?? 1, scope: CMGD.Scope = all ? .all : .index
            try await SMSSession.run(connection, logging: logging, configuration: .init(deleteAfterReading: false)) { service, _ throws(SMSServiceError) in
                try await service.delete(index, in: selected, scope: scope)
            }
            struct Output: Encodable { var storage: String; var deleted: String }
            let out = Output(storage: selected.rawValue, deleted: all ? "all" : String(index))
            if output.json { try Console.json(out) } else { Console.out("Deleted \(all ? "every message" : "message \(index)") in \(selected)") }
        }
    }
}
