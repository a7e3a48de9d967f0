import ArgumentParser
import ModemKit

extension ModemKitCommand {
    /// `modemkit sms watch`.
    struct SMSWatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Print incoming messages as they arrive, reassembled, until Ctrl-C (or --count); exit 0 either way.",
            discussion: """
                Unread messages already stored are printed first. Messages are read on +CMTI (and deleted, unless --keep) or taken from +CMT \
                (--direct, acknowledged with AT+CNMA). Parts of a long message are joined; after \
                --reassembly-timeout an incomplete one is printed with its missing parts. \
                With --json, one object per line.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Flag(help: "Route messages straight to the TE (+CMT) instead of storing them (+CMTI).")
        var direct = false

        @Flag(help: "Keep messages in the storage after reading them.")
        var keep = false

        @Option(help: ArgumentHelp("Stop after this many messages.", valueName: "n"))
        var count: Int?

        @Option(name: .customLong("reassembly-timeout"), help: ArgumentHelp("Seconds to wait for missing parts.", valueName: "seconds"))
        var reassemblyTimeout: Double = 600

        func validate() throws {
            if let count, count < 1 { throw ValidationError("--count must be at least 1.") }
            guard reassemblyTimeout > 0 else { throw ValidationError("--reassembly-timeout must be positive.") }
        }

        func run() async throws {
            let configuration = SMSService.Configuration(
                routing: direct ? .direct(acknowledge: true) : .stored, deleteAfterReading: !keep,
                reassemblyTimeout: .seconds(reassemblyTimeout), deliverStoredUnread: true
            )
            let json = output.json, limit = count
            try await SMSSession.run(connection, logging: logging, configuration: configuration) { service, events throws(SMSServiceError) in
                Console.progress("Watching for messages; Ctrl-C stops.")
                // Ctrl-C ends the stream, so the port (and a --record trace) is closed cleanly.
                let signals = SignalStop { await service.stop() }
                defer { signals.cancel() }
                var seen = 0
                for await event in events {
                    switch event {
                    case .message(let message):
                        let out = SMSMessageOutput(message)
                        if json { try? Console.jsonLine(out) } else { Console.out(out.human) }
                        seen += 1
                        if let limit, seen >= limit { return }
                    case .storageFull(let storage):
                        Console.error("modemkit: storage \(storage) is full")
                    case .undecodable(let pdu, let error):
                        Console.error("modemkit: cannot decode \(pdu): \(error)")
                    case .undecodableText(let line, let error):
                        Console.error("modemkit: cannot decode \(line): \(error)")
                    case .partReceived(let from, let part, let total):
                        Console.progress("part \(part)/\(total) from \(from)")
                    case .statusReport(let report):
                        Console.error("status report for reference \(report.reference): \(report.status)")
                    }
                }
            }
        }
    }
}
