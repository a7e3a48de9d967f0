import ModemKitTestSupport
import Telemetry
import Testing

@Suite struct MQTTPacketDecoderTests {
    /// Malformed input, and the violation and stream byte each must be reported with.
    static let malformed: [(name: String, bytes: [UInt8], violation: MQTTViolation, offset: Int)] = [
        ("type 0", [0x00, 0x00], .reservedPacketType(0), 0),
        ("type 15 after a PINGRESP", [0xD0, 0x00, 0xF0, 0x00], .reservedPacketType(15), 2),
        ("PUBREC (QoS 2)", [0x50, 0x02, 0x00, 0x01], .unsupportedPacketType(5), 0),
        ("SUBSCRIBE with flags 0000", [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00], .invalidFlags(packet: "SUBSCRIBE", flags: 0), 0),
        ("PINGRESP with flags", [0xD1, 0x00], .invalidFlags(packet: "PINGRESP", flags: 1), 0),
        ("five remaining-length bytes", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], .remainingLengthTooLong, 4),
        ("PUBLISH QoS 3", [0x36, 0x03, 0x00, 0x01, 0x61], .invalidQoS(3), 0),
        ("PUBLISH QoS 2", [0x34, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], .unsupportedQoS(2), 0),
        ("PUBLISH QoS 0 with DUP", [0x38, 0x03, 0x00, 0x01, 0x61], .duplicateOnQoS0, 0),
        ("PUBLISH topic with a wildcard", [0x30, 0x05, 0x00, 0x03, 0x61, 0x2F, 0x2B], .invalidTopicName("a/+", reason: "wildcards are only allowed in topic filters"), 2),
        ("PUBLISH empty topic", [0x30, 0x02, 0x00, 0x00], .invalidTopicName("", reason: "empty"), 2),
        ("PUBLISH topic not UTF-8", [0x30, 0x04, 0x00, 0x02, 0xC3, 0x28], .invalidUTF8(field: "topic name"), 2),
        ("PUBLISH topic with an encoded surrogate", [0x30, 0x05, 0x00, 0x03, 0xED, 0xA0, 0x80], .invalidUTF8(field: "topic name"), 2),
        ("PUBLISH topic with U+0000", [0x30, 0x04, 0x00, 0x02, 0x61, 0x00], .nullCharacter(field: "topic name"), 2),
        ("PUBLISH topic longer than the packet", [0x30, 0x03, 0x00, 0x05, 0x61], .truncated(field: "topic name"), 2),
        ("PUBLISH QoS 1 without room for its id", [0x32, 0x04, 0x00, 0x01, 0x61, 0x00], .truncated(field: "packet identifier"), 5),
        ("PUBLISH QoS 1 with id 0", [0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00], .zeroPacketID, 5),
        ("PUBACK id 0 after a PINGREQ", [0xC0, 0x00, 0x40, 0x02, 0x00, 0x00], .zeroPacketID, 4),
        ("PUBACK one byte too long", [0x40, 0x03, 0x00, 0x01, 0x00], .trailingBytes(packet: "PUBACK", count: 1), 4),
        ("PINGRESP with a body", [0xD0, 0x01, 0x00], .trailingBytes(packet: "PINGRESP", count: 1), 2),
        ("CONNACK reserved flag", [0x20, 0x02, 0x02, 0x00], .reservedBitSet(field: "connect acknowledge flags"), 2),
        ("CONNACK cut short", [0x20, 0x01, 0x00], .truncated(field: "connect return code"), 3),
        ("SUBACK return code 3", [0x90, 0x03, 0x00, 0x01, 0x03], .invalidSubAckReturnCode(3), 4),
        ("SUBACK without codes", [0x90, 0x02, 0x00, 0x01], .noEntries(packet: "SUBACK"), 4),
        ("SUBSCRIBE QoS byte with reserved bits", [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x41], .reservedBitSet(field: "requested QoS"), 7),
        ("SUBSCRIBE bad filter", [0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 0x23, 0x61, 0x01], .invalidTopicFilter("#a", reason: "a wildcard must fill a whole level"), 4),
        ("UNSUBSCRIBE without filters", [0xA2, 0x02, 0x00, 0x01], .noEntries(packet: "UNSUBSCRIBE"), 4),
        ("CONNECT of MQTT 3.1", [0x10, 0x0C, 0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 0x03, 0x02, 0x00, 0x3C], .invalidProtocolName("MQIsdp"), 2),
        ("CONNECT level 5", [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00], .unsupportedProtocolLevel(5), 8),
        ("CONNECT reserved flag", [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x03, 0x00, 0x3C, 0x00, 0x00], .reservedBitSet(field: "connect flags"), 9),
        ("CONNECT password without user", [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x42, 0x00, 0x3C, 0x00, 0x00], .passwordWithoutUsername, 9),
        ("CONNECT will retain without will", [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x22, 0x00, 0x3C, 0x00, 0x00], .willFlagsWithoutWill, 9),
        ("CONNECT empty id without clean session", [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x00, 0x00, 0x3C, 0x00, 0x00], .emptyClientIDNeedsCleanSession, 12),
    ]

    @Test(arguments: malformed.indices)
    func malformedInputSaysWhatAndWhere(_ index: Int) {
        let (name, bytes, violation, offset) = Self.malformed[index]
        for split in StreamSplits.all(bytes, randomRuns: 3) {
            var decoder = MQTTPacketDecoder()
            let error = #expect(throws: MQTTDecodingError.self, "\(name), \(split.name)") {
                for chunk in split.chunks {
                    decoder.append(chunk)
                    while try decoder.next() != nil {}
                }
            }
            #expect(error == MQTTDecodingError(violation: violation, offset: offset), "\(name), \(split.name)")
            // The stream is not trusted after that.
            decoder.append([0xD0, 0x00])
            #expect(throws: MQTTDecodingError(violation: violation, offset: offset)) { try decoder.next() }
        }
    }

    @Test func aTooLargePacketIsRefusedFromItsHeaderAlone() throws {
        var decoder = MQTTPacketDecoder(maximumPacketSize: 64)
        decoder.append([0xD0, 0x00, 0x30, 0x80, 0x01])   // a PUBLISH announcing 128 bytes
        #expect(try decoder.next() == .pingresp)
        #expect(throws: MQTTDecodingError(violation: .packetTooLarge(size: 131, limit: 64), offset: 2)) { try decoder.next() }
        #expect(MQTTDecodingError(violation: .packetTooLarge(size: 131, limit: 64), offset: 2).description
            == "malformed MQTT at byte 2: packet of 131 bytes exceeds the limit of 64")
    }

    static let samples: [MQTTPacket] = MQTTGoldenBytesTests.golden.map(\.packet) + [
        .publish(MQTTPublish(topic: "meters/ü/€", payload: Array(repeating: 0xAB, count: 300), qos: .atLeastOnce, retain: true, packetID: 65_535)),
        .publish(MQTTPublish(topic: "big", payload: Array(repeating: 7, count: 20_000))),
        .connect(MQTTConnect(clientID: "", cleanSession: true, keepAlive: 0, will: MQTTWill(topic: "w", message: []))),
        .connack(MQTTConnAck(returnCode: .reserved(200))),
        .subscribe(MQTTSubscribe(packetID: 9, subscriptions: [MQTTSubscription(filter: "+/x/#", qos: .atMostOnce), MQTTSubscription(filter: "#")])),
        .suback(MQTTSubAck(packetID: 9, returnCodes: [.grantedQoS0, .grantedQoS2, .failure])),
        .unsubscribe(MQTTUnsubscribe(packetID: 3, filters: ["a", "b/+"])),
    ]

    @Test func everyPacketSurvivesEveryChunking() throws {
        let stream = try Self.samples.flatMap { try $0.encoded() }
        for split in StreamSplits.all(stream, randomRuns: 10, maxChunk: 300) {
            var decoder = MQTTPacketDecoder()
            var packets: [MQTTPacket] = []
            for chunk in split.chunks {
                decoder.append(chunk)
                while let packet = try decoder.next() { packets.append(packet) }
            }
            #expect(packets == Self.samples, "\(split.name)")
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test func randomPublishesRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x4D51_5454)
        for _ in 0..<300 {
            let levels = (0..<Int.random(in: 1...4, using: &generator)).map { _ in String(Int.random(in: 0...999, using: &generator)) }
            let qos: MQTTQoS = Bool.random(using: &generator) ? .atLeastOnce : .atMostOnce
            let publish = MQTTPublish(
                topic: levels.joined(separator: "/"),
                payload: (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) },
                qos: qos, retain: Bool.random(using: &generator), dup: qos == .atLeastOnce && Bool.random(using: &generator),
                packetID: qos == .atLeastOnce ? UInt16.random(in: 1...UInt16.max, using: &generator) : nil
            )
            var decoder = MQTTPacketDecoder()
            decoder.append(try MQTTPacket.publish(publish).encoded())
            #expect(try decoder.next() == .publish(publish))
        }
    }

    /// Random bytes and damaged packets: the decoder answers with packets or an error, never traps,
    /// and holds no more than one packet's worth.
    @Test func randomAndDamagedBytesNeverTrap() throws {
        var generator = SeededGenerator(seed: 0xF022)
        let valid = try Self.samples.flatMap { try $0.encoded() }
        var errors = 0
        for run in 0..<2_000 {
            var bytes: [UInt8]
            if run.isMultiple(of: 2) {
                bytes = (0..<Int.random(in: 1...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = Array(valid.prefix(Int.random(in: 1...valid.count, using: &generator)))
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            var decoder = MQTTPacketDecoder(maximumPacketSize: 4_096)
            do {
                for chunk in StreamSplits.randomChunks(bytes, maxChunk: 64, using: &generator) {
                    decoder.append(chunk)
                    while try decoder.next() != nil {}
                    #expect(decoder.bufferedByteCount <= 4_096 + 64)
                }
            } catch {
                errors += 1
                #expect(error.offset >= 0 && error.offset < bytes.count, "\(error) in \(bytes)")
            }
        }
        #expect(errors > 500)
    }
}
