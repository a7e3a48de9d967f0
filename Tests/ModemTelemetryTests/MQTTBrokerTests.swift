import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// Runs `body` with a fresh mosquitto on loopback, stopped afterwards whatever happens.
func withMosquitto<T: Sendable>(
    credentials: LocalMosquitto.Credentials? = nil, _ body: (LocalMosquitto) async throws -> T
) async throws -> T {
    let broker = try await LocalMosquitto.start(credentials: credentials)
    do {
        let result = try await body(broker)
        await broker.stop()
        return result
    } catch {
        await broker.stop()
        throw error
    }
}

/// A client subscribed to `filter` on the broker, for counting what arrives.
func watcher(_ broker: LocalMosquitto, filter: String) async throws -> MQTTClient {
    let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
    try await client.connect(MQTTClientOptions(clientID: "watcher", cleanSession: true))
    #expect(try await client.subscribe([MQTTSubscription(filter: filter, qos: .atLeastOnce)]) == [.grantedQoS1])
    return client
}

/// ``MQTTClient`` and ``LocalMosquitto`` against Debian's mosquitto on 127.0.0.1.
@Suite(.timeLimit(.minutes(1))) struct MQTTBrokerTests {
    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func publishesAndReceivesThroughMosquitto() async throws {
        try await withMosquitto { broker in
            let subscriber = try await watcher(broker, filter: "meters/#")
            let publisher = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
            #expect(try await publisher.connect(MQTTClientOptions(clientID: "pub", cleanSession: true)) == false)
            try await publisher.publish(topic: "meters/1", payload: Array("one".utf8))
            try await publisher.publish(topic: "meters/2", payload: Array("two".utf8), qos: .atMostOnce)
            try await publisher.publish(topic: "other", payload: Array("not for the watcher".utf8))
            let received = try await bounded(.seconds(10)) {
                var messages: [MQTTMessage] = []
                for await message in subscriber.messages {
                    messages.append(message)
                    if messages.count == 2 { break }
                }
                return messages
            }
            #expect(received == [
                MQTTMessage(topic: "meters/1", payload: Array("one".utf8), qos: .atLeastOnce),
                MQTTMessage(topic: "meters/2", payload: Array("two".utf8), qos: .atMostOnce),
            ])
            try await subscriber.unsubscribe(["meters/#"])
            await publisher.disconnect()
            await subscriber.disconnect()
            #expect(await publisher.isConnected == false)
        }
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func aWrongPasswordIsRefusedWithCONNACK5() async throws {
        try await withMosquitto(credentials: .init(username: "meter", password: "right-pw")) { broker in
            let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
            let error = await #expect(throws: MQTTError.refused(.notAuthorized)) {
                try await client.connect(MQTTClientOptions(clientID: "c", username: "meter", password: "wrong-pw"))
            }
            #expect(error?.description == "the MQTT broker refused the connection: CONNACK 5 (not authorized)")
            await #expect(throws: MQTTError.refused(.notAuthorized)) { try await client.connect(MQTTClientOptions(clientID: "c")) }
            try await client.connect(MQTTClientOptions(clientID: "c", username: "meter", password: "right-pw"))
            try await client.publish(topic: "t", payload: [1])
            await client.disconnect()
        }
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func aStoppedBrokerIsAConnectFailure() async throws {
        let broker = try await LocalMosquitto.start()
        let port = broker.port
        await broker.stop()
        let client = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: port)
        let error = await #expect(throws: MQTTError.self) { try await client.connect(MQTTClientOptions(clientID: "c")) }
        guard case .connectFailed = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
    }

    @Test func missingMosquittoSaysToInstallIt() async {
        let error = await #expect(throws: LocalMosquittoError.notInstalled("/nonexistent/mosquitto")) {
            _ = try await LocalMosquitto.start(executable: "/nonexistent/mosquitto")
        }
        #expect(error?.description.contains("install Debian's mosquitto") == true)
    }
}

/// Reconnecting to the same mosquitto after PUBACKs went missing.
@Suite(.timeLimit(.minutes(1)), .enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) struct MQTTBrokerReconnectTests {
    @Test func anUnacknowledgedPublishGoesAgainWithDUPAfterAReconnect() async throws {
        try await withMosquitto { broker in
            let subscriber = try await watcher(broker, filter: "dup/#")
            let tap = MQTTTappedConnector()
            let client = MQTTClient(connector: tap, host: "127.0.0.1", port: broker.port)
            let options = MQTTClientOptions(clientID: "dup-1", cleanSession: false)
            #expect(try await client.connect(options) == false)
            tap.mute(true)                                  // the PUBACK will not reach the client
            let ticket = await client.startPublish(MQTTMessage(topic: "dup/1", payload: [1]))
            try await bounded(.seconds(10)) {
                for await message in subscriber.messages where message.topic == "dup/1" { break }   // the broker has it
            }
            await tap.cut()
            await #expect(throws: MQTTError.connectionLost("the broker closed the connection")) { try await client.completion(of: ticket) }

            tap.mute(false)
            #expect(try await client.connect(options) == true, "mosquitto kept the session")
            try await client.publish(topic: "dup/2", payload: [2])   // acknowledged after the resend, in order
            #expect(tap.sent(onConnection: 1).prefix(3) == [
                .connect(options.connect),
                .publish(MQTTPublish(topic: "dup/1", payload: [1], qos: .atLeastOnce, dup: true, packetID: 1)),
                .publish(MQTTPublish(topic: "dup/2", payload: [2], qos: .atLeastOnce, packetID: 2)),
            ])
            let again = try await bounded(.seconds(10)) {
                var topics: [String] = []
                for await message in subscriber.messages {
                    topics.append(message.topic)
                    if message.topic == "dup/2" { break }
                }
                return topics
            }
            #expect(again == ["dup/1", "dup/2"], "at least once: the resent copy arrives too")
            await client.disconnect()
            await subscriber.disconnect()
        }
    }
}
