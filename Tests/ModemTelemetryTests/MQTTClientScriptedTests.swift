import Logging
import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// ``MQTTClient`` against a scripted broker on an in-memory connection, time on a manual clock.
@Suite struct MQTTClientScriptedTests {
    static let options = MQTTClientOptions(clientID: "m1", cleanSession: false, keepAlive: 30, pingTimeout: .seconds(5))

    /// Connects `client` through `connection`, answering CONNACK.
    static func connect(_ client: MQTTClient, _ connection: MQTTScriptedConnection, sessionPresent: Bool = false) async throws {
        try await bounded(.seconds(10)) {
            async let connected = client.connect(options)
            #expect(await connection.nextSent() == .connect(options.connect))
            try connection.reply(.connack(MQTTConnAck(sessionPresent: sessionPresent)))
            #expect(try await connected == sessionPresent)
        }
    }

    static func publish(_ id: UInt16, dup: Bool = false) -> MQTTPacket {
        .publish(MQTTPublish(topic: "m/1", payload: [UInt8(id)], qos: .atLeastOnce, dup: dup, packetID: id))
    }

    @Test func idleForTheKeepAliveSendsPINGREQAndNoPINGRESPEndsTheConnection() async throws {
        let clock = ManualClock()
        let connection = MQTTScriptedConnection()
        let client = MQTTClient(connector: MQTTScriptedConnector([connection]), host: "broker", clock: clock)
        try await Self.connect(client, connection)
        try await bounded(.seconds(10)) {
            await clock.waitForSleepers(1)                  // keep alive armed
            clock.advance(by: .seconds(30))
            #expect(await connection.nextSent() == .pingreq)
            try connection.reply(.pingresp)
            // A publish acknowledged after the PINGRESP proves the client read it.
            async let published: Void = client.publish(topic: "m/1", payload: [1])
            #expect(await connection.nextSent() == Self.publish(1))
            try connection.reply(.puback(packetID: 1))
            try await published

            let ticket = await client.startPublish(MQTTMessage(topic: "m/1", payload: [2]))
            #expect(await connection.nextSent() == Self.publish(2))
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(30))                 // idle again: PINGREQ, and no answer
            #expect(await connection.nextSent() == .pingreq)
            await clock.waitForSleepers(2)                  // PINGRESP timeout and keep alive
            clock.advance(by: .seconds(5))
            await #expect(throws: MQTTError.pingTimedOut(.seconds(5))) { try await client.completion(of: ticket) }
            await connection.waitUntilClosed()
        }
        #expect(await client.isConnected == false)
        await #expect(throws: MQTTError.notConnected) { try await client.publish(topic: "m/1", payload: [3]) }
    }

    @Test func afterAReconnectUnackedPublishesGoAgainWithDUPInOrder() async throws {
        let first = MQTTScriptedConnection()
        let second = MQTTScriptedConnection()
        let client = MQTTClient(connector: MQTTScriptedConnector([first, second]), host: "broker", clock: ManualClock())
        try await Self.connect(client, first)
        try await bounded(.seconds(10)) {
            var tickets: [MQTTClient.PublishTicket] = []
            for id in 1...3 {
                tickets.append(await client.startPublish(MQTTMessage(topic: "m/1", payload: [UInt8(id)])))
                #expect(await first.nextSent() == Self.publish(UInt16(id)))
            }
            try first.reply(.puback(packetID: 2))
            try await client.completion(of: tickets[1])
            first.drop()                                    // the broker goes away
            await #expect(throws: MQTTError.connectionLost("the broker closed the connection")) { try await client.completion(of: tickets[0]) }
            await #expect(throws: MQTTError.connectionLost("the broker closed the connection")) { try await client.completion(of: tickets[2]) }
        }
        try await Self.connect(client, second, sessionPresent: true)
        try await bounded(.seconds(10)) {
            #expect(await second.nextSent() == Self.publish(1, dup: true))
            #expect(await second.nextSent() == Self.publish(3, dup: true))
            try second.reply(.puback(packetID: 1))
            try second.reply(.puback(packetID: 3))
            async let published: Void = client.publish(topic: "m/1", payload: [4])
            #expect(await second.nextSent() == Self.publish(4))
            try second.reply(.puback(packetID: 4))
            try await published
            await client.disconnect()
            #expect(await second.nextSent() == .disconnect)
            await second.waitUntilClosed()
        }
    }

    @Test func malformedBytesFromTheBrokerEndTheConnectionWithWhereItWent() async throws {
        let connection = MQTTScriptedConnection()
        let client = MQTTClient(connector: MQTTScriptedConnector([connection]), host: "broker", clock: ManualClock())
        try await Self.connect(client, connection)
        try await bounded(.seconds(10)) {
            let first = await client.startPublish(MQTTMessage(topic: "m/1", payload: [1]))
            let second = await client.startPublish(MQTTMessage(topic: "m/1", payload: [2]))
            #expect(await connection.nextSent() == Self.publish(1))
            #expect(await connection.nextSent() == Self.publish(2))
            connection.reply(bytes: [0x40, 0x02, 0x00])        // after CONNACK (bytes 0-3), half a PUBACK...
            connection.reply(bytes: [0x01, 0x30, 0x03, 0x00, 0x01, 0x2B])   // ...the rest, then a PUBLISH to "+"
            try await client.completion(of: first)
            await #expect(throws: MQTTError.protocolViolation(
                "malformed MQTT at byte 10: topic name \"+\": wildcards are only allowed in topic filters"
            )) { try await client.completion(of: second) }
            await connection.waitUntilClosed()
        }
    }

    @Test func noBrokerIsAConnectFailure() async {
        let client = MQTTClient(connector: MQTTScriptedConnector([]), host: "broker", port: 1883, clock: ManualClock())
        await #expect(throws: MQTTError.connectFailed("connect failed: broker:1883: connection refused")) { try await client.connect(Self.options) }
    }

    @Test func thePasswordNeverReachesTheLog() async throws {
        let sink = LogSink()
        let connection = MQTTScriptedConnection()
        let client = MQTTClient(
            connector: MQTTScriptedConnector([connection]), host: "broker", clock: ManualClock(),
            logger: Logger(label: "mqtt") { _ in sink }
        )
        let options = MQTTClientOptions(clientID: "m1", username: "meter", password: "pw-s3cret-1234")
        try await bounded(.seconds(10)) {
            async let connected = client.connect(options)
            #expect(await connection.nextSent() == .connect(options.connect))
            try connection.reply(.connack(MQTTConnAck(returnCode: .badUsernameOrPassword)))
            do {
                _ = try await connected
                Issue.record("a refused CONNACK connected")
            } catch {
                #expect(error as? MQTTError == .refused(.badUsernameOrPassword))
            }
        }
        #expect(sink.lines.contains { $0.contains("CONNECT client=\"m1\"") && $0.contains("password=<redacted>") }, "\(sink.lines)")
        #expect(sink.lines.contains { $0.contains("4 (bad user name or password)") })
        #expect(!sink.lines.contains { $0.contains("s3cret") }, "\(sink.lines)")
    }
}
