import ArgumentParser
import Foundation
import ModemTelemetry
import Telemetry

extension ModemKitCommand {
    /// `modemkit telemetry send --device PATH --apn APN --to URL JSON`.
    struct TelemetrySend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Queue one reading and deliver what the outbox holds.",
            discussion: """
                The reading enters the outbox first; then the modem is brought up and the outbox \
                drained to the destinations. A reading not delivered within --timeout stays in \
                the outbox for the next run.

                  modemkit telemetry send --device /dev/ttyUSB2 --apn internet \\
                      --to mqtt://broker.example:1883/meters/{device} '{"kWh": 1234.5}'

                Exit codes: 0 delivered; 1 refused by the destination (dropped); 2 usage error or an invalid reading; 3 not delivered \
                within --timeout (still queued); 4 the device or the outbox could not be opened.
                """
        )

        @OptionGroup var telemetry: TelemetryOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Seconds to wait for the delivery.", valueName: "seconds"))
        var timeout: Double = 120

        @Argument(help: ArgumentHelp("The reading: one JSON value.", valueName: "json"))
        var reading: String

        func validate() throws {
            guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds.") }
        }

        struct Output: Encodable {
            var id: String
            var delivered: Bool
            var queued: Int
            var seconds: Double
            var lastFailure: String?
        }

        func run() async throws {
            let settings = try telemetry.resolved()
            let outbox = try TelemetrySession.openOutbox(settings)
            let queued: TelemetryReading
            do {
                queued = try outbox.enqueue(Array(reading.utf8))
            } catch .invalidReading(_, let error) {
                throw CLIError("the reading is not valid JSON: \(error)", exitCode: CLIExit.usage)
            } catch {
                throw CLIError("outbox: \(error)", exitCode: CLIExit.transport)
            }
            Console.progress("Queued reading \(queued.id) in \(settings.outbox)")
            let started = ContinuousClock.now
            let session = try await TelemetrySession.open(settings, logging: logging)
            let result = await session.agent.drain(within: .milliseconds(Int64(timeout * 1000)))
            await session.close()
            let depth = (try? outbox.status().depth) ?? 0
            let seconds = Self.seconds(ContinuousClock.now - started)
            // The outbox goes oldest first: the new reading is out only once the outbox is empty.
            var lastFailure: String?
            if case .incomplete(let failure) = result { lastFailure = failure }
            let rejection = (try? outbox.recentRejections(limit: 100))?.first { $0.readingID == queued.id }
            let delivered = result == .empty && rejection == nil
            let output = Output(id: queued.id, delivered: delivered, queued: depth, seconds: seconds, lastFailure: lastFailure ?? rejection?.reason)
            if self.output.json {
                try Console.json(output)
            } else if delivered {
                Console.out(String(format: "delivered %@ in %.1f s", queued.id, seconds))
            } else if let rejection {
                Console.out("refused by \(rejection.destination): \(rejection.reason); the reading was dropped")
            } else {
                Console.out("not delivered within \(Int(timeout)) s: \(lastFailure ?? "no answer"); \(depth) reading(s) stay queued in \(settings.outbox)")
            }
            if rejection != nil { throw ExitCode(CLIExit.modemError) }
            if !delivered { throw ExitCode(CLIExit.noAnswer) }
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
