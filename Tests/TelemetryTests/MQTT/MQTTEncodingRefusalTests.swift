import Telemetry
import Testing

/// Nothing invalid reaches the wire: the encoder says what is wrong instead.
@Suite struct MQTTEncodingRefusalTests {
    static let refused: [(MQTTPacket, MQTTViolation)] = [
        (.publish(MQTTPublish(topic: "a/+", payload: [])), .invalidTopicName("a/+", reason: "wildcards are only allowed in topic filters")),
        (.publish(MQTTPublish(topic: "", payload: [])), .invalidTopicName("", reason: "empty")),
        (.publish(MQTTPublish(topic: "a", payload: [], qos: .atLeastOnce)), .packetIDMismatch(qos: 1)),
        (.publish(MQTTPublish(topic: "a", payload: [], packetID: 4)), .packetIDMismatch(qos: 0)),
        (.publish(MQTTPublish(topic: "a", payload: [], qos: .atLeastOnce, packetID: 0)), .zeroPacketID),
        (.publish(MQTTPublish(topic: "a", payload: [], dup: true)), .duplicateOnQoS0),
        (.publish(MQTTPublish(topic: "a\u{0}b", payload: [])), .nullCharacter(field: "topic name")),
        (.publish(MQTTPublish(topic: String(repeating: "x", count: 65_536), payload: [])), .fieldTooLong(field: "topic name", length: 65_536)),
        (.puback(packetID: 0), .zeroPacketID),
        (.subscribe(MQTTSubscribe(packetID: 1, subscriptions: [])), .noEntries(packet: "SUBSCRIBE")),
        (.subscribe(MQTTSubscribe(packetID: 1, subscriptions: [MQTTSubscription(filter: "a/#/b")])), .invalidTopicFilter("a/#/b", reason: "'#' must be the last level")),
        (.unsubscribe(MQTTUnsubscribe(packetID: 1, filters: [])), .noEntries(packet: "UNSUBSCRIBE")),
        (.unsubscribe(MQTTUnsubscribe(packetID: 1, filters: ["a+"])), .invalidTopicFilter("a+", reason: "a wildcard must fill a whole level")),
        (.suback(MQTTSubAck(packetID: 1, returnCodes: [])), .noEntries(packet: "SUBACK")),
        (.connect(MQTTConnect(clientID: "c", password: "p")), .passwordWithoutUsername),
        (.connect(MQTTConnect(clientID: "", cleanSession: false)), .emptyClientIDNeedsCleanSession),
        (.connect(MQTTConnect(clientID: "c", will: MQTTWill(topic: "w/#", message: []))), .invalidTopicName("w/#", reason: "wildcards are only allowed in topic filters")),
        (.connect(MQTTConnect(clientID: "c", username: "u", password: MQTTSecret(bytes: Array(repeating: 1, count: 70_000)))), .fieldTooLong(field: "password", length: 70_000)),
    ]

    @Test(arguments: refused.indices)
    func refusesWithTheReason(_ index: Int) {
        let (packet, violation) = Self.refused[index]
        #expect(throws: violation) { try packet.encoded() }
    }

    @Test func topicNamesAndFiltersFollowSection4_7() {
        for name in ["a", "/", "a/b", "sport/tennis/player1", "/finance", " ", "a//b", "ü/€"] {
            #expect(throws: Never.self, "\(name)") { try MQTTTopic.validateName(name) }
        }
        for name in ["", "+", "#", "a/+", "a#", "sport/tennis/#"] {
            #expect(throws: MQTTViolation.self, "\(name)") { try MQTTTopic.validateName(name) }
        }
        for filter in ["#", "+", "a/#", "+/+", "/+", "a/+/b", "sport/+/player1", "+/tennis/#", "a//#", "/"] {
            #expect(throws: Never.self, "\(filter)") { try MQTTTopic.validateFilter(filter) }
        }
        for filter in ["", "a#", "a/#/b", "a+", "a/b+", "##", "+a", "#/", "a/#/"] {
            #expect(throws: MQTTViolation.self, "\(filter)") { try MQTTTopic.validateFilter(filter) }
        }
    }
}
