import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// ``MQTTSender`` against a scripted broker: what a lost connection and the next batch look like
/// on the wire.
@Suite struct MQTTSenderScriptedTests {
    static let readings = (0..<3).map { TelemetryReading(id: "r\($0)", enqueuedAt: 1_000 + Int64($0), sequence: Int64($0), payload: [0x30 + UInt8($0)]) }

    static func publish(_ id: UInt16, _ reading: Int, dup: Bool = false) -> MQTTPacket {
        .publish(MQTTPublish(topic: "m/1", payload: TelemetryEnvelope.json(readings[reading]), qos: .atLeastOnce, dup: dup, packetID: id))
    }

    @Test func aLostConnectionFailsTheRestAndTheNextBatchReconnectsAndResendsWithDUP() async throws {
        let first = MQTTScriptedConnection()
        let second = MQTTScriptedConnection()
        let options = MQTTClientOptions(clientID: "meter-1")
        let sender = MQTTSender(
            connector: MQTTScriptedConnector([first, second]), host: "broker", options: options, window: 2,
            clock: ManualClock(), topic: { _ in "m/1" }
        )
        try await bounded(.seconds(10)) {
            async let report = sender.deliver(Self.readings)
            #expect(await first.nextSent() == .connect(options.connect))
            try first.reply(.connack(MQTTConnAck()))
            #expect(await first.nextSent() == Self.publish(1, 0))
            #expect(await first.nextSent() == Self.publish(2, 1), "two in flight at once (window 2)")
            try first.reply(.puback(packetID: 1))
            #expect(await first.nextSent() == Self.publish(3, 2), "the window moves on with each PUBACK")
            first.drop()
            #expect(await report == DeliveryReport(delivered: ["r0"], failure: "connection to the MQTT broker lost: the broker closed the connection"))
        }
        try await bounded(.seconds(10)) {
            async let report = sender.deliver(Array(Self.readings[1...]))
            #expect(await second.nextSent() == .connect(options.connect))
            try second.reply(.connack(MQTTConnAck(sessionPresent: true)))
            // The session's unacknowledged PUBLISHes first, with DUP, then the batch anew.
            #expect(await second.nextSent() == Self.publish(2, 1, dup: true))
            #expect(await second.nextSent() == Self.publish(3, 2, dup: true))
            #expect(await second.nextSent() == Self.publish(4, 1))
            for id in [2, 3, 4] as [UInt16] { try second.reply(.puback(packetID: id)) }
            #expect(await second.nextSent() == Self.publish(5, 2))
            try second.reply(.puback(packetID: 5))
            #expect(await report == DeliveryReport(delivered: ["r1", "r2"]))
            await sender.close()
            #expect(await second.nextSent() == .disconnect)
        }
    }
}
