import ArgumentParser
import ModemKit
import SMSPDU
import Synchronization

extension ModemKitCommand {
    /// `modemkit sms send --to NUMBER TEXT`.
    struct SMSSend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Send a text, in as many concatenated parts as it needs.",
            discussion: """
                Prints the encoding, the part count and each part's message reference \
                (+CMGS: <mr>). With --wait-report, waits for a status report per part and \
                prints each (exit code 1 if one says not delivered, 3 if none came in time).
                """
        )

        enum Encoding: String, CaseIterable, ExpressibleByArgument {
            case auto, gsm7, ucs2
            var preference: SMSEncoder.Options.Preference {
                switch self {
                case .auto: .automatic
                case .gsm7: .gsm7
                case .ucs2: .ucs2
                }
            }
        }

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Recipient: an optional + and 1 to 20 digits.", valueName: "number"))
        var to: String

        @Flag(help: "Send as class 0 (flash): shown at once, not stored.")
        var flash = false

        @Flag(help: "Ask for a status report per part.")
        var report = false

        @Flag(name: .customLong("wait-report"), help: "Ask for status reports and wait for them (implies --report).")
        var waitReport = false

        @Option(help: ArgumentHelp("Seconds --wait-report waits.", valueName: "seconds"))
        var reportTimeout: Double = 120

        @Option(help: "Encoding: auto (cheapest), gsm7 or ucs2.")
        var encoding: Encoding = .auto

        @Flag(name: .customLong("text-mode"), help: "Send in text mode (AT+CMGF=1), one part only.")
        var textMode = false

        @Argument(help: "The text.")
        var text: String

        var options: SMSSendOptions {
            SMSSendOptions(mode: textMode ? .text : .pdu, encoding: encoding.preference, flash: flash, statusReport: report || waitReport)
        }

        func validate() throws {
            do {
                _ = try SMSService.plan(text, to: to, options: options)
            } catch {
                throw ValidationError("\(error). Nothing was sent.")
            }
            guard reportTimeout > 0, reportTimeout <= 3600 else { throw ValidationError("--report-timeout must be between 0 and 3600 seconds.") }
        }

        struct Output: Encodable {
            var to: String
            var encoding: String
            var parts: Int
            var references: [Int]
            var reports: [Report]?
            struct Report: Encodable {
                var reference: Int
                var part: Int?
                var status: Int
                var meaning: String
                var delivered: Bool
            }
        }

        func run() async throws {
            let waitLimit = Duration.seconds(reportTimeout)
            let (result, reports) = try await SMSSession.run(connection, logging: logging) { service, events throws(SMSServiceError) in
                let result = try await service.send(text, to: to, options: options)
                guard waitReport else { return (result, [SMSDeliveryReport]?.none) }
                return (result, await Self.reports(for: result, from: events, within: waitLimit))
            }
            let out = Output(
                to: to, encoding: SMSSession.name(result.encoding), parts: result.partCount, references: result.references,
                reports: reports?.map { .init(reference: $0.reference, part: $0.sent?.part, status: Int($0.status.rawValue),
                                              meaning: $0.status.meaning, delivered: $0.isDelivered) }
            )
            if output.json {
                try Console.json(out)
            } else {
                Console.out("Sent to \(to): \(out.parts) part(s), \(out.encoding), reference(s) \(out.references.map(String.init).joined(separator: ", "))")
                for report in out.reports ?? [] {
                    Console.out("Report for reference \(report.reference): \(report.delivered ? "delivered" : "not delivered") (\(report.status): \(report.meaning))")
                }
            }
            guard let reports else { return }
            if reports.count < result.partCount {
                throw CLIError("\(result.partCount - reports.count) status report(s) did not arrive in time", exitCode: CLIExit.noAnswer)
            }
            if !reports.allSatisfy(\.isDelivered) { throw ExitCode(CLIExit.modemError) }
        }

        /// Final reports for the sent references, until all came or `limit` passed (then those that came).
        static func reports(for result: SMSSendResult, from events: AsyncStream<SMSServiceEvent>, within limit: Duration) async -> [SMSDeliveryReport] {
            let wanted = Set(result.references)
            let found = ReportBox()
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events {
                        guard case .statusReport(let report) = event, wanted.contains(report.reference), report.sent != nil,
                              !(0x20...0x3F).contains(report.status.rawValue) else { continue }
                        if found.add(report) == wanted.count { return }
                    }
                }
                group.addTask { try? await Task.sleep(for: limit) }
                await group.next()
                group.cancelAll()
            }
            let reports = found.reports
            return result.references.compactMap { reports[$0] }
        }
    }
}

/// Reports collected by `--wait-report`, shared between the waiting task and the timeout.
private final class ReportBox: Sendable {
    private let state = Mutex<[Int: SMSDeliveryReport]>([:])
    var reports: [Int: SMSDeliveryReport] { state.withLock { $0 } }
    /// Adds one; returns how many are held.
    func add(_ report: SMSDeliveryReport) -> Int {
        state.withLock { $0[report.reference] = report; return $0.count }
    }
}
