import ArgumentParser

extension ModemKitCommand {
    /// `modemkit telemetry send|run|status`.
    struct Telemetry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store-and-forward readings through the modem to MQTT, HTTP, TCP, UDP, with SMS fallback.",
            discussion: """
                Every reading (one JSON value) enters a durable outbox (SQLite) before anything \
                is sent, and leaves it only once a destination has it: nothing is lost when the \
                network, the modem or this process fails. Each message carries the reading's \
                unique ID, so receivers drop the copies that at-least-once delivery can make. \
                See docs/telemetry.md.
                """,
            subcommands: [TelemetrySend.self, TelemetryRun.self, TelemetryStatus.self, TelemetryBench.self]
        )
    }
}
