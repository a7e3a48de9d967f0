import Telemetry
import Testing

/// Packets and the bytes OASIS MQTT 3.1.1 prescribes for them, worked out by hand from §2 and §3.
@Suite struct MQTTGoldenBytesTests {
    static let golden: [(name: String, packet: MQTTPacket, bytes: [UInt8])] = [
        (
            "CONNECT, clean session, keep alive 60 (§3.1)",
            .connect(MQTTConnect(clientID: "m1", cleanSession: true, keepAlive: 60)),
            [0x10, 0x0E, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3C, 0x00, 0x02, 0x6D, 0x31]
        ),
        (
            "CONNECT with will (QoS 1, retain), user name and password, session kept",
            .connect(MQTTConnect(
                clientID: "dev", cleanSession: false, keepAlive: 30, username: "u", password: "p",
                will: MQTTWill(topic: "s/d", message: Array("off".utf8), qos: .atLeastOnce, retain: true)
            )),
            [
                0x10, 0x1F, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xEC, 0x00, 0x1E,
                0x00, 0x03, 0x64, 0x65, 0x76,          // client identifier "dev"
                0x00, 0x03, 0x73, 0x2F, 0x64,          // will topic "s/d"
                0x00, 0x03, 0x6F, 0x66, 0x66,          // will message "off"
                0x00, 0x01, 0x75,                      // user name "u"
                0x00, 0x01, 0x70,                      // password "p"
            ]
        ),
        ("CONNACK accepted, session present", .connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)), [0x20, 0x02, 0x01, 0x00]),
        ("CONNACK 5 not authorized", .connack(MQTTConnAck(returnCode: .notAuthorized)), [0x20, 0x02, 0x00, 0x05]),
        (
            "PUBLISH QoS 1, id 10",
            .publish(MQTTPublish(topic: "a/b", payload: Array("hi".utf8), qos: .atLeastOnce, packetID: 10)),
            [0x32, 0x09, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0x68, 0x69]
        ),
        (
            "PUBLISH QoS 1 resent: DUP",
            .publish(MQTTPublish(topic: "a/b", payload: [], qos: .atLeastOnce, dup: true, packetID: 0x0102)),
            [0x3A, 0x07, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x01, 0x02]
        ),
        ("PUBLISH QoS 0 retained, empty payload", .publish(MQTTPublish(topic: "t", payload: [], retain: true)), [0x31, 0x03, 0x00, 0x01, 0x74]),
        ("PUBACK", .puback(packetID: 10), [0x40, 0x02, 0x00, 0x0A]),
        (
            "SUBSCRIBE a/# at QoS 1 (flags 0010)",
            .subscribe(MQTTSubscribe(packetID: 1, subscriptions: [MQTTSubscription(filter: "a/#", qos: .atLeastOnce)])),
            [0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 0x61, 0x2F, 0x23, 0x01]
        ),
        ("SUBACK granted QoS 1 and a failure", .suback(MQTTSubAck(packetID: 1, returnCodes: [.grantedQoS1, .failure])), [0x90, 0x04, 0x00, 0x01, 0x01, 0x80]),
        (
            "UNSUBSCRIBE (flags 0010)",
            .unsubscribe(MQTTUnsubscribe(packetID: 2, filters: ["a/#"])),
            [0xA2, 0x07, 0x00, 0x02, 0x00, 0x03, 0x61, 0x2F, 0x23]
        ),
        ("UNSUBACK", .unsuback(packetID: 7), [0xB0, 0x02, 0x00, 0x07]),
        ("PINGREQ", .pingreq, [0xC0, 0x00]),
        ("PINGRESP", .pingresp, [0xD0, 0x00]),
        ("DISCONNECT", .disconnect, [0xE0, 0x00]),
    ]

    @Test(arguments: golden.indices)
    func encodesToTheSpecBytes(_ index: Int) throws {
        let (name, packet, bytes) = Self.golden[index]
        #expect(try packet.encoded() == bytes, "\(name)")
    }

    @Test(arguments: golden.indices)
    func decodesFromTheSpecBytes(_ index: Int) throws {
        let (name, packet, bytes) = Self.golden[index]
        var decoder = MQTTPacketDecoder()
        decoder.append(bytes)
        #expect(try decoder.next() == packet, "\(name)")
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 0)
    }

    /// The examples of §2.2.3's table, at each boundary.
    @Test func remainingLengthAtEachBoundary() throws {
        let table: [(Int, [UInt8])] = [
            (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (321, [0xC1, 0x02]), (16_383, [0xFF, 0x7F]),
            (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]), (2_097_152, [0x80, 0x80, 0x80, 0x01]),
            (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
        ]
        for (length, bytes) in table {
            #expect(try MQTTRemainingLength.encode(length) == bytes)
            #expect(MQTTRemainingLength.decode(bytes) == .length(length, byteCount: bytes.count))
            #expect(MQTTRemainingLength.decode(bytes.dropLast()) == .incomplete)
        }
        #expect(throws: MQTTViolation.remainingLengthOutOfRange(268_435_456)) { try MQTTRemainingLength.encode(268_435_456) }
        #expect(throws: MQTTViolation.remainingLengthOutOfRange(-1)) { try MQTTRemainingLength.encode(-1) }
        #expect(MQTTRemainingLength.decode([0xFF, 0xFF, 0xFF, 0xFF, 0x01]) == .tooLong)
    }

    @Test func connectReturnCodesCarryTheSpecText() {
        let texts = (0...5).map { MQTTConnectReturnCode(code: UInt8($0)).description }
        #expect(texts == [
            "0 (connection accepted)", "1 (unacceptable protocol version)", "2 (identifier rejected)",
            "3 (server unavailable)", "4 (bad user name or password)", "5 (not authorized)",
        ])
        #expect(MQTTConnectReturnCode(code: 9) == .reserved(9))
        #expect(MQTTConnectReturnCode.notAuthorized.code == 5)
    }

    @Test func aPasswordNeverShowsInDescriptions() throws {
        let packet = MQTTPacket.connect(MQTTConnect(clientID: "c", username: "meter", password: "s3cr3t-pw"))
        let options = MQTTClientOptions(clientID: "c", username: "meter", password: "s3cr3t-pw")
        var dumped = ""
        dump(packet, to: &dumped)
        dump(options, to: &dumped)
        for text in [
            packet.description, String(describing: packet), String(reflecting: packet), dumped, "\(MQTTSecret("s3cr3t-pw"))",
            String(describing: options), String(reflecting: options),
        ] {
            #expect(!text.contains("s3cr3t"), "\(text)")
        }
        #expect(packet.description.contains("user=\"meter\" password=<redacted>"))
        // ...while the wire carries it.
        #expect(try packet.encoded().suffix(9) == Array("s3cr3t-pw".utf8))
    }
}
