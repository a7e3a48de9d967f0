import ArgumentParser
import Foundation
import ModemTelemetry

extension ModemKitCommand {
    /// `modemkit telemetry status`: the outbox of a running (or stopped) agent.
    struct TelemetryStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the outbox: readings queued, last delivery, failures, recent refusals.",
            discussion: """
                Reads the outbox database read-only, so it can run beside `telemetry run`.

                Exit codes: 0 shown; 4 no outbox there, or it cannot be read.
                """
        )

        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("Outbox database (default: $XDG_STATE_HOME/modemkit/outbox.sqlite).", valueName: "file"))
        var outbox: String?
        @Option(help: ArgumentHelp("YAML file naming the outbox ('outbox:').", valueName: "file"))
        var config: String?

        struct Output: Encodable {
            var outbox: String
            var status: OutboxStatus
            var recentRejections: [OutboxRejection]
        }

        func run() async throws {
            let path = try outbox ?? config.map { path throws(CLIError) in try TelemetryConfigFile.load(path) }?.outbox ?? TelemetryOptions.defaultOutboxPath()
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("no outbox at \(path)", exitCode: CLIExit.transport)
            }
            let status: OutboxStatus
            let rejections: [OutboxRejection]
            do {
                status = try Outbox.status(ofDatabaseAt: path)
                rejections = try Outbox.recentRejections(ofDatabaseAt: path)
            } catch {
                throw CLIError("\(path): \(error)", exitCode: CLIExit.transport)
            }
            if output.json {
                try Console.json(Output(outbox: path, status: status, recentRejections: rejections))
                return
            }
            Console.out("outbox        \(path)")
            Console.out("queued        \(status.depth) of \(status.capacity)" + (status.oldestEnqueuedAt.map { ", oldest from \(Self.time($0))" } ?? ""))
            Console.out("delivered     \(status.delivered)" + (status.lastDelivery.map { ", last \(Self.time($0.at)) to \($0.destination)" } ?? ""))
            Console.out("failures      \(status.failures)" + (status.lastError.map { ", last \(Self.time($0.at)) from \($0.destination): \($0.message)" } ?? ""))
            Console.out("rejected      \(status.rejected); dropped when full \(status.dropped); refused when full \(status.refused)")
            for rejection in rejections.prefix(5) {
                Console.out("  \(Self.time(rejection.at)) \(rejection.readingID) by \(rejection.destination): \(rejection.reason)")
            }
        }

        static func time(_ milliseconds: Int64) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }
}
