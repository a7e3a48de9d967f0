import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// ``MQTTSender`` delivering outbox batches to Debian's mosquitto on 127.0.0.1.
@Suite(.timeLimit(.minutes(1)), .enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) struct MQTTSenderTests {
    static let readings = (0..<200).map {
        TelemetryReading(id: "r\($0)", enqueuedAt: 1_764_112_345_000 + Int64($0), sequence: Int64($0), payload: Array(#"{"n":\#($0)}"#.utf8))
    }

    /// The reading IDs in the envelopes `client` receives, until `count` distinct ones came.
    static func collectIDs(_ client: MQTTClient, count: Int) async throws -> Set<String> {
        try await bounded(.seconds(20)) {
            var ids: Set<String> = []
            for await message in client.messages {
                // {"id":"r12","ts":…}
                let fields = String(decoding: message.payload, as: UTF8.self).split(separator: "\"")
                if fields.count > 3 { ids.insert(String(fields[3])) }
                if ids.count == count { break }
            }
            return ids
        }
    }

    @Test func deliversTwoHundredReadingsAtQoS1() async throws {
        try await withMosquitto { broker in
            let subscriber = try await watcher(broker, filter: "meters/#")
            let sender = MQTTSender(
                connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port,
                options: MQTTClientOptions(clientID: "meter-1"), topic: { "meters/1/\($0.sequence % 10)" }
            )
            #expect(sender.name == "mqtt://127.0.0.1:\(broker.port) as meter-1")
            let report = await sender.deliver(Self.readings)
            #expect(report.failure == nil)
            #expect(report.delivered == Self.readings.map(\.id))
            #expect(try await Self.collectIDs(subscriber, count: 200) == Set(Self.readings.map(\.id)))
            // A second batch reuses the connection.
            let again = await sender.deliver(Array(Self.readings.prefix(3)))
            #expect(again.delivered == ["r0", "r1", "r2"])
            await sender.close()
            await subscriber.disconnect()
        }
    }

    @Test func aBrokerKilledMidBatchLeavesTheRestUndelivered() async throws {
        let broker = try await LocalMosquitto.start()
        let sender = MQTTSender(
            connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port,
            options: MQTTClientOptions(clientID: "meter-2"),
            topic: { reading in
                if reading.sequence == 120 { broker.kill() }   // the broker dies before reading 120 is written
                return "meters/2"
            }
        )
        let report = await sender.deliver(Self.readings)
        let failure = try #require(report.failure)
        #expect(failure.contains("connection to the MQTT broker lost") || failure.contains("send failed"), "\(failure)")
        #expect(report.delivered.count < 120)
        #expect(report.delivered == Self.readings.prefix(report.delivered.count).map(\.id), "delivered ones are acknowledged ones, in order")
        #expect(report.rejected.isEmpty)

        let next = await sender.deliver(Array(Self.readings[report.delivered.count...]))
        #expect(next.delivered.isEmpty)
        #expect(next.failure?.hasPrefix("cannot reach the MQTT broker") == true, "\(next.failure ?? "")")
        await sender.close()
        await broker.stop()
    }

    @Test func aWrongPasswordFailsTheBatchWithTheCONNACKCode() async throws {
        try await withMosquitto(credentials: .init(username: "meter", password: "right-pw")) { broker in
            let sender = MQTTSender(
                connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port,
                options: MQTTClientOptions(clientID: "meter-3", username: "meter", password: "wrong-pw"), topic: { _ in "meters/3" }
            )
            let report = await sender.deliver(Array(Self.readings.prefix(5)))
            #expect(report == DeliveryReport(failure: "the MQTT broker refused the connection: CONNACK 5 (not authorized)"))
        }
    }

    @Test func anInvalidTopicRejectsThatReadingOnly() async throws {
        try await withMosquitto { broker in
            let sender = MQTTSender(
                connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port,
                options: MQTTClientOptions(clientID: "meter-4"), topic: { $0.sequence == 1 ? "meters/+" : "meters/4" }
            )
            let report = await sender.deliver(Array(Self.readings.prefix(3)))
            #expect(report.delivered == ["r0", "r2"])
            #expect(report.rejected == [.init(id: "r1", reason: "topic name \"meters/+\": wildcards are only allowed in topic filters")])
            #expect(report.failure == nil)
            await sender.close()
        }
    }
}
