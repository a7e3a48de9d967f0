import ModemKit
import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// Layer 5: ``SMSSender`` through ``SMSService`` against the virtual modem in memory; messages to
/// the modem's own number come back, so the test reads what was sent.
@Suite("SMSSender against the virtual modem", .serialized)
struct SMSSenderTests {
    static let own = SMSDestination(number: InMemoryVirtualModem.ownNumber)

    @Test func readingsGoAsCompactTextAndAreDeliveredOnMessageReferences() async throws {
        let modem = try await InMemoryVirtualModem.start()
        let sender = SMSSender(destination: Self.own, service: modem.sms, composer: .init(maxParts: 2))
        let readings = Readings.make(3) + Readings.make(1, from: 3) { _ in #"{"site":"Kraków"}"# }
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report == DeliveryReport(delivered: readings.map(\.id)))
        let message = try await modem.nextMessage()
        #expect(message.text == SMSFallbackComposer.compose(readings, options: .init(maxParts: 2)).text)
        #expect(message.text.hasSuffix(#"00000003 1764112345003 {"site":"Krak\u00f3w"}"#))
        await modem.stop()
    }

    @Test func aReadingTooLargeIsRejectedAndTheRestWaitForTheNextMessage() async throws {
        let modem = try await InMemoryVirtualModem.start()
        let sender = SMSSender(destination: Self.own, service: modem.sms)
        let big = Readings.make(1, from: 100) { _ in "\"" + String(repeating: "x", count: 200) + "\"" }
        let small = Readings.make(8) { _ in #""abcdefgh""# }   // four fit in one part
        let report = try await bounded { await sender.deliver(big + small) }
        #expect(report.rejected.map(\.id) == big.map(\.id))
        #expect(report.rejected.first?.reason.contains("do not fit in an SMS of 1 part") == true)
        #expect(report.delivered == small.prefix(4).map(\.id) && report.failure == nil)
        await modem.stop()
    }

    @Test func severalMessagesPerDeliveryWhenAllowed() async throws {
        let modem = try await InMemoryVirtualModem.start()
        let sender = SMSSender(destination: Self.own, service: modem.sms, maxMessages: 2)
        let readings = Readings.make(10) { _ in #""abcdefgh""# }   // four per message
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report == DeliveryReport(delivered: readings.prefix(8).map(\.id)))
        let first = try await modem.nextMessage(), second = try await modem.nextMessage()
        #expect(Set([first.text, second.text]) == Set([readings[0..<4], readings[4..<8]].map { SMSFallbackComposer.compose(Array($0)).text }))
        await modem.stop()
    }

    @Test func aModemErrorIsAFailure() async throws {
        let modem = try await InMemoryVirtualModem.start()
        await modem.runner.stop()   // the modem is gone
        let sender = SMSSender(destination: SMSDestination(number: "+447700900123"), service: modem.sms)
        let report = try await bounded { await sender.deliver(Readings.make(1)) }
        #expect(report.delivered.isEmpty && report.failure?.hasPrefix("sms:+447700900123: ") == true, "\(report)")
        await modem.stop()
    }
}
