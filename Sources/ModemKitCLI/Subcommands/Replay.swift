import ArgumentParser

extension ModemKitCommand {
    /// `modemkit replay`: read recorded sessions back.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recorded sessions: decode a trace into transactions, draw it as an HTML timeline, or play the modem's side of it.",
            subcommands: [Decode.self, Serve.self, Report.self]
        )
    }
}
