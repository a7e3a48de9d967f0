import Telemetry
import Testing

/// Event-by-event transcripts of ``MQTTSession``: each step's exact actions.
@Suite struct MQTTSessionTests {
    static let options = MQTTClientOptions(clientID: "m1", cleanSession: false, keepAlive: 60, connectTimeout: .seconds(5), pingTimeout: .seconds(7))
    static let keepAlive = MQTTSession.Action.startTimer(.keepAlive, .seconds(60))
    static let cancelAll: [MQTTSession.Action] = [.cancelTimer(.connack), .cancelTimer(.keepAlive), .cancelTimer(.pingResponse)]

    static func connected(_ options: MQTTClientOptions = options) -> MQTTSession {
        var session = MQTTSession(options: options)
        _ = session.handle(.connectionOpened)
        _ = session.handle(.packetReceived(.connack(MQTTConnAck())))
        return session
    }

    static func publish(_ id: UInt16, dup: Bool = false, topic: String = "m/1") -> MQTTSession.Action {
        .send(.publish(MQTTPublish(topic: topic, payload: [UInt8(id & 0xFF)], qos: .atLeastOnce, dup: dup, packetID: id)))
    }

    @Test func connectsWithCONNECTThenCONNACK() {
        var session = MQTTSession(options: Self.options)
        #expect(session.handle(.connectionOpened) == [
            .send(.connect(MQTTConnect(clientID: "m1", cleanSession: false, keepAlive: 60))), .startTimer(.connack, .seconds(5)),
        ])
        #expect(session.state == .connecting)
        #expect(session.handle(.packetReceived(.connack(MQTTConnAck(sessionPresent: true)))) == [
            .cancelTimer(.connack), .connected(sessionPresent: true), Self.keepAlive,
        ])
        #expect(session.state == .connected(sessionPresent: true))
    }

    @Test func aRefusedCONNACKFailsTheConnectWithItsCode() {
        var session = MQTTSession(options: Self.options)
        _ = session.handle(.connectionOpened)
        #expect(session.handle(.packetReceived(.connack(MQTTConnAck(returnCode: .notAuthorized))))
            == [.connectFailed(.refused(.notAuthorized))] + Self.cancelAll + [.closeConnection])
        #expect(session.state == .disconnected)
        #expect(MQTTError.refused(.notAuthorized).description == "the MQTT broker refused the connection: CONNACK 5 (not authorized)")
    }

    @Test func noCONNACKInTimeFailsTheConnect() {
        var session = MQTTSession(options: Self.options)
        _ = session.handle(.connectionOpened)
        #expect(session.handle(.timerFired(.connack)) == [.connectFailed(.connectTimedOut(.seconds(5)))] + Self.cancelAll + [.closeConnection])
        #expect(session.handle(.timerFired(.connack)) == [])
    }

    @Test func aPacketBeforeCONNACKIsAViolation() {
        var session = MQTTSession(options: Self.options)
        _ = session.handle(.connectionOpened)
        #expect(session.handle(.packetReceived(.pingresp))
            == [.connectFailed(.protocolViolation("PINGRESP before CONNACK"))] + Self.cancelAll + [.closeConnection])
    }

    @Test func qos1PublishesGetIDsAndCompleteOnTheirPUBACK() {
        var session = Self.connected()
        for id in 1...3 {
            #expect(session.handle(.publishRequested(id: UInt64(100 + id), MQTTMessage(topic: "m/1", payload: [UInt8(id)])))
                == [Self.publish(UInt16(id)), Self.keepAlive])
        }
        #expect(session.handle(.packetReceived(.puback(packetID: 2))) == [.completed(id: 102, .published)])
        #expect(session.inFlightPacketIDs == [1, 3])
        #expect(session.handle(.packetReceived(.puback(packetID: 2))) == [], "a second PUBACK is ignored")
        #expect(session.handle(.packetReceived(.puback(packetID: 9))) == [], "as is one for an unknown id")
    }

    @Test func qos0PublishCompletesWhenSent() {
        var session = Self.connected()
        #expect(session.handle(.publishRequested(id: 1, MQTTMessage(topic: "t", payload: [], qos: .atMostOnce)))
            == [.send(.publish(MQTTPublish(topic: "t", payload: []))), .completed(id: 1, .published), Self.keepAlive])
    }

    @Test func badRequestsFailAlone() {
        var session = MQTTSession(options: Self.options)
        #expect(session.handle(.publishRequested(id: 1, MQTTMessage(topic: "t", payload: []))) == [.failed(id: 1, .notConnected)])
        session = Self.connected()
        #expect(session.handle(.publishRequested(id: 2, MQTTMessage(topic: "a/#", payload: [])))
            == [.failed(id: 2, .invalidRequest(.invalidTopicName("a/#", reason: "wildcards are only allowed in topic filters")))])
        #expect(session.handle(.subscribeRequested(id: 3, [])) == [.failed(id: 3, .invalidRequest(.noEntries(packet: "SUBSCRIBE")))])
        #expect(session.handle(.unsubscribeRequested(id: 4, ["a/#/b"]))
            == [.failed(id: 4, .invalidRequest(.invalidTopicFilter("a/#/b", reason: "'#' must be the last level")))])
        #expect(session.state == .connected(sessionPresent: false))
    }

    @Test func packetIDsWrapAndSkipThoseInFlight() {
        var session = Self.connected()
        _ = session.handle(.publishRequested(id: 0, MQTTMessage(topic: "t", payload: [])))   // id 1 stays in flight
        for id in 2...65_535 {
            _ = session.handle(.publishRequested(id: UInt64(id), MQTTMessage(topic: "t", payload: [])))
            _ = session.handle(.packetReceived(.puback(packetID: UInt16(id))))
        }
        let actions = session.handle(.publishRequested(id: 70_000, MQTTMessage(topic: "t", payload: [])))
        #expect(actions.first == .send(.publish(MQTTPublish(topic: "t", payload: [], qos: .atLeastOnce, packetID: 2))))
        #expect(session.inFlightPacketIDs == [1, 2])
    }

    @Test func allIDsInFlightFailsTheNextRequest() {
        var session = Self.connected()
        for id in 1...65_535 { _ = session.handle(.publishRequested(id: UInt64(id), MQTTMessage(topic: "t", payload: []))) }
        #expect(session.handle(.publishRequested(id: 0, MQTTMessage(topic: "t", payload: []))) == [.failed(id: 0, .packetIDsExhausted)])
        #expect(session.handle(.subscribeRequested(id: 1, [MQTTSubscription(filter: "#")])) == [.failed(id: 1, .packetIDsExhausted)])
    }

    @Test func unackedPublishesAreResentWithDUPInOrderAfterAReconnect() {
        var session = Self.connected()
        for id in 1...3 { _ = session.handle(.publishRequested(id: UInt64(id), MQTTMessage(topic: "m/1", payload: [UInt8(id)]))) }
        _ = session.handle(.packetReceived(.puback(packetID: 2)))
        #expect(session.handle(.connectionLost("reset by peer"))
            == Self.cancelAll + [.failed(id: 1, .connectionLost("reset by peer")), .failed(id: 3, .connectionLost("reset by peer"))])
        #expect(session.handle(.publishRequested(id: 4, MQTTMessage(topic: "m/1", payload: [4]))) == [.failed(id: 4, .notConnected)])
        _ = session.handle(.connectionOpened)
        #expect(session.handle(.packetReceived(.connack(MQTTConnAck(sessionPresent: true)))) == [
            .cancelTimer(.connack), .connected(sessionPresent: true), Self.publish(1, dup: true), Self.publish(3, dup: true), Self.keepAlive,
        ])
        // Their requesters were told already: the PUBACKs only clear them.
        #expect(session.handle(.packetReceived(.puback(packetID: 1))) == [])
        #expect(session.handle(.packetReceived(.puback(packetID: 3))) == [])
        #expect(session.inFlightPacketIDs == [])
        #expect(session.handle(.publishRequested(id: 5, MQTTMessage(topic: "m/1", payload: [4]))) == [Self.publish(4), Self.keepAlive])
    }

    @Test func aCleanSessionForgetsUnackedPublishes() {
        var options = Self.options
        options.cleanSession = true
        var session = Self.connected(options)
        _ = session.handle(.publishRequested(id: 1, MQTTMessage(topic: "m/1", payload: [1])))
        _ = session.handle(.connectionLost("eof"))
        _ = session.handle(.connectionOpened)
        #expect(session.handle(.packetReceived(.connack(MQTTConnAck()))) == [.cancelTimer(.connack), .connected(sessionPresent: false), Self.keepAlive])
        #expect(session.inFlightPacketIDs == [])
    }

    @Test func idleForTheKeepAliveSendsPINGREQAndAMissingPINGRESPEndsIt() {
        var session = Self.connected()
        #expect(session.handle(.timerFired(.keepAlive)) == [.send(.pingreq), .startTimer(.pingResponse, .seconds(7)), Self.keepAlive])
        #expect(session.handle(.packetReceived(.pingresp)) == [.cancelTimer(.pingResponse)])
        #expect(session.handle(.timerFired(.keepAlive)) == [.send(.pingreq), .startTimer(.pingResponse, .seconds(7)), Self.keepAlive])
        #expect(session.handle(.timerFired(.keepAlive)) == [], "one PINGREQ at a time")
        _ = session.handle(.publishRequested(id: 9, MQTTMessage(topic: "m/1", payload: [1])))
        #expect(session.handle(.timerFired(.pingResponse))
            == Self.cancelAll + [.failed(id: 9, .pingTimedOut(.seconds(7))), .closeConnection])
        #expect(session.state == .disconnected)
        #expect(session.handle(.timerFired(.pingResponse)) == [], "a late timer does nothing")
    }

    @Test func keepAliveZeroRunsNoTimer() {
        var options = Self.options
        options.keepAlive = 0
        var session = Self.connected(options)
        #expect(session.handle(.publishRequested(id: 1, MQTTMessage(topic: "t", payload: [1]))) == [Self.publish(1, topic: "t")])
    }

    @Test func inboundQoS1IsAcknowledgedAndDelivered() {
        var session = Self.connected()
        #expect(session.handle(.packetReceived(.publish(MQTTPublish(topic: "cmd", payload: [1], qos: .atLeastOnce, packetID: 77))))
            == [.send(.puback(packetID: 77)), .deliver(MQTTMessage(topic: "cmd", payload: [1], qos: .atLeastOnce)), Self.keepAlive])
        #expect(session.handle(.packetReceived(.publish(MQTTPublish(topic: "cmd", payload: [2], retain: true)))) == [
            .deliver(MQTTMessage(topic: "cmd", payload: [2], qos: .atMostOnce, retain: true)),
        ])
    }

    @Test func subscribeAndUnsubscribeCompleteOnTheirAcks() {
        var session = Self.connected()
        let subscriptions = [MQTTSubscription(filter: "a/#"), MQTTSubscription(filter: "b", qos: .atMostOnce)]
        #expect(session.handle(.subscribeRequested(id: 1, subscriptions)) == [
            .send(.subscribe(MQTTSubscribe(packetID: 1, subscriptions: subscriptions))), Self.keepAlive,
        ])
        #expect(session.handle(.packetReceived(.suback(MQTTSubAck(packetID: 1, returnCodes: [.grantedQoS1, .failure]))))
            == [.completed(id: 1, .subscribed([.grantedQoS1, .failure]))])
        #expect(session.handle(.unsubscribeRequested(id: 2, ["a/#"])) == [.send(.unsubscribe(MQTTUnsubscribe(packetID: 2, filters: ["a/#"]))), Self.keepAlive])
        #expect(session.handle(.packetReceived(.unsuback(packetID: 2))) == [.completed(id: 2, .unsubscribed)])
    }

    @Test func anUnexpectedPacketEndsTheConnection() {
        var session = Self.connected()
        _ = session.handle(.subscribeRequested(id: 5, [MQTTSubscription(filter: "x")]))
        #expect(session.handle(.packetReceived(.pingreq)) == Self.cancelAll + [
            .failed(id: 5, .protocolViolation("unexpected PINGREQ from the broker")), .closeConnection,
        ])
    }

    @Test func disconnectSendsDISCONNECTAndFailsWhatWaits() {
        var session = Self.connected()
        _ = session.handle(.publishRequested(id: 1, MQTTMessage(topic: "m/1", payload: [1])))
        #expect(session.handle(.disconnectRequested) == [.send(.disconnect)] + Self.cancelAll + [.failed(id: 1, .disconnected), .closeConnection])
        #expect(session.handle(.disconnectRequested) == [])
        #expect(session.handle(.connectionLost("closed")) == [])
        #expect(session.handle(.packetReceived(.puback(packetID: 1))) == [], "nothing from a closed connection counts")
        #expect(session.inFlightPacketIDs == [1], "kept for the next connection: clean session is off")
    }
}
