import ModemKit
import SMSPDU
import Telemetry

/// Sends readings to an `sms:+NUMBER` destination as compact 7-bit text
/// (``SMSFallbackComposer``) through an ``SMSService``, in PDU mode, GSM 7-bit only:
///
///     → AT+CMGS=58
///     → 0011000B915155100000F10000A7…^Z     "0b6f3c1e 1764112345123 {"t":21.5}\n7d1a9f02 …"
///     ← +CMGS: 7
///     ← OK
///
/// The readings in a message are delivered once the modem returns a message reference for every
/// part. Each ``deliver(_:)`` sends at most `maxMessages` messages, each of at most
/// `composer.maxParts` parts, from the oldest reading; the rest stay for the next call. A reading
/// that does not fit even alone is rejected with its size. When the modem refuses a part, the
/// message's readings stay and are sent again later (parts already sent may arrive twice; the
/// IDs tell the receiver).
public struct SMSSender: TelemetrySender {
    public let name: String
    public let destination: SMSDestination
    public let composer: SMSFallbackComposer.Options
    public let maxMessages: Int
    let service: SMSService

    public init(destination: SMSDestination, service: SMSService, composer: SMSFallbackComposer.Options = .init(), maxMessages: Int = 1) {
        name = destination.description
        self.destination = destination
        self.service = service
        self.composer = composer
        self.maxMessages = max(1, maxMessages)
    }

    public func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport {
        var report = DeliveryReport()
        var remaining = readings
        for _ in 0..<maxMessages where !remaining.isEmpty {
            let message = SMSFallbackComposer.compose(remaining, options: composer)
            report.rejected += message.tooLarge.map {
                DeliveryReport.Rejection(id: $0.id, reason: "\($0.septets) septets do not fit in an SMS of \(composer.maxParts) part(s)")
            }
            guard !message.included.isEmpty else { break }
            do throws(SMSServiceError) {
                let options = SMSSendOptions(encoding: .gsm7, maxParts: composer.maxParts)
                _ = try await service.send(message.text, to: destination.number, options: options)
                report.delivered += message.included
            } catch {
                report.failure = "\(name): \(error)"
                break
            }
            let done = Set(message.included + message.tooLarge.map(\.id))
            remaining.removeAll { done.contains($0.id) }
        }
        return report
    }

    /// Nothing to close: the SMS service belongs to whoever made it.
    public func close() async {}
}
