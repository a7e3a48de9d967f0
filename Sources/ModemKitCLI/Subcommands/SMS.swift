import ArgumentParser

extension ModemKitCommand {
    /// `modemkit sms send|list|read|delete|watch`.
    struct SMS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sms",
            abstract: "Send, list, read, delete and watch SMS (PDU mode, multipart, reports).",
            discussion: """
                Every subcommand puts the modem in PDU mode (AT+CMGF=0) and sets the message \
                routing (AT+CNMI). A number or text that cannot be sent is refused before \
                anything is written (exit code 2).
                """,
            subcommands: [SMSSend.self, SMSList.self, SMSRead.self, SMSDelete.self, SMSWatch.self]
        )
    }
}
