extension MQTTPacket {
    /// Checks the first byte of a fixed header (§2.2): a known packet type with the flags
    /// §2.2.2 fixes for it (PUBLISH's are checked with its fields).
    static func checkHeader(_ byte: UInt8) throws(MQTTViolation) {
        let type = byte >> 4
        let flags = byte & 0x0F
        switch type {
        case 0, 15: throw .reservedPacketType(type)
        case 5, 6, 7: throw .unsupportedPacketType(type)
        case 3: return
        case 8, 10: if flags != 0b0010 { throw .invalidFlags(packet: name(ofType: type), flags: flags) }
        default: if flags != 0 { throw .invalidFlags(packet: name(ofType: type), flags: flags) }
        }
    }

    /// Decodes one complete packet: `header` is its first byte (at stream offset `headerOffset`),
    /// `body` reads its variable header and payload.
    static func decode(header: UInt8, headerOffset: Int, body: inout MQTTReader) throws(MQTTDecodingError) -> MQTTPacket {
        do {
            try checkHeader(header)
        } catch {
            throw MQTTDecodingError(violation: error, offset: headerOffset)
        }
        let packet: MQTTPacket
        switch header >> 4 {
        case 1: packet = .connect(try decodeConnect(&body))
        case 2:
            let flagsOffset = body.offset
            let flags = try body.byte("connect acknowledge flags")
            guard flags & 0xFE == 0 else { throw body.error(.reservedBitSet(field: "connect acknowledge flags"), at: flagsOffset) }
            let code = try body.byte("connect return code")
            packet = .connack(MQTTConnAck(sessionPresent: flags & 1 == 1, returnCode: MQTTConnectReturnCode(code: code)))
        case 3: packet = .publish(try decodePublish(flags: header & 0x0F, headerOffset: headerOffset, &body))
        case 4: packet = .puback(packetID: try body.packetID())
        case 8: packet = .subscribe(try decodeSubscribe(&body))
        case 9:
            let id = try body.packetID()
            var codes: [MQTTSubAck.ReturnCode] = []
            while !body.isAtEnd {
                let offset = body.offset
                let raw = try body.byte("return code")
                guard let code = MQTTSubAck.ReturnCode(rawValue: raw) else { throw body.error(.invalidSubAckReturnCode(raw), at: offset) }
                codes.append(code)
            }
            guard !codes.isEmpty else { throw body.error(.noEntries(packet: "SUBACK")) }
            packet = .suback(MQTTSubAck(packetID: id, returnCodes: codes))
        case 10:
            let id = try body.packetID()
            var filters: [String] = []
            while !body.isAtEnd { filters.append(try filter(&body)) }
            guard !filters.isEmpty else { throw body.error(.noEntries(packet: "UNSUBSCRIBE")) }
            packet = .unsubscribe(MQTTUnsubscribe(packetID: id, filters: filters))
        case 11: packet = .unsuback(packetID: try body.packetID())
        case 12: packet = .pingreq
        case 13: packet = .pingresp
        default: packet = .disconnect   // 14: checkHeader let no other type through
        }
        try body.expectEnd(name(ofType: header >> 4))
        return packet
    }

    private static func decodeConnect(_ body: inout MQTTReader) throws(MQTTDecodingError) -> MQTTConnect {
        let nameOffset = body.offset
        let name = try body.string("protocol name")
        guard name == "MQTT" else { throw body.error(.invalidProtocolName(name), at: nameOffset) }
        let levelOffset = body.offset
        let level = try body.byte("protocol level")
        guard level == 4 else { throw body.error(.unsupportedProtocolLevel(level), at: levelOffset) }
        let flagsOffset = body.offset
        let flags = try body.byte("connect flags")
        if flags & 0x01 != 0 { throw body.error(.reservedBitSet(field: "connect flags"), at: flagsOffset) }
        let hasWill = flags & 0x04 != 0
        if !hasWill && flags & 0x38 != 0 { throw body.error(.willFlagsWithoutWill, at: flagsOffset) }
        if flags & 0x40 != 0 && flags & 0x80 == 0 { throw body.error(.passwordWithoutUsername, at: flagsOffset) }
        let willQoS: MQTTQoS
        do {
            willQoS = try MQTTQoS.decoded(flags >> 3 & 0x03)
        } catch {
            throw body.error(error, at: flagsOffset)
        }
        var connect = MQTTConnect(clientID: "", cleanSession: flags & 0x02 != 0, keepAlive: try body.uint16("keep alive"))
        let idOffset = body.offset
        connect.clientID = try body.string("client identifier")
        if connect.clientID.isEmpty && !connect.cleanSession { throw body.error(.emptyClientIDNeedsCleanSession, at: idOffset) }
        if hasWill {
            let topic = try topicName(&body, field: "will topic")
            connect.will = MQTTWill(topic: topic, message: try body.binary("will message"), qos: willQoS, retain: flags & 0x20 != 0)
        }
        if flags & 0x80 != 0 { connect.username = try body.string("user name") }
        if flags & 0x40 != 0 { connect.password = MQTTSecret(bytes: try body.binary("password")) }
        return connect
    }

    private static func decodePublish(flags: UInt8, headerOffset: Int, _ body: inout MQTTReader) throws(MQTTDecodingError) -> MQTTPublish {
        let qos: MQTTQoS
        do {
            qos = try MQTTQoS.decoded(flags >> 1 & 0x03)
        } catch {
            throw body.error(error, at: headerOffset)
        }
        let dup = flags & 0x08 != 0
        if dup && qos == .atMostOnce { throw body.error(.duplicateOnQoS0, at: headerOffset) }
        let topic = try topicName(&body, field: "topic name")
        let id: UInt16? = qos == .atLeastOnce ? try body.packetID() : nil
        return MQTTPublish(topic: topic, payload: body.rest(), qos: qos, retain: flags & 0x01 != 0, dup: dup, packetID: id)
    }

    private static func decodeSubscribe(_ body: inout MQTTReader) throws(MQTTDecodingError) -> MQTTSubscribe {
        let id = try body.packetID()
        var subscriptions: [MQTTSubscription] = []
        while !body.isAtEnd {
            let text = try filter(&body)
            let qosOffset = body.offset
            let raw = try body.byte("requested QoS")
            guard raw & 0xFC == 0 else { throw body.error(.reservedBitSet(field: "requested QoS"), at: qosOffset) }
            do {
                subscriptions.append(MQTTSubscription(filter: text, qos: try MQTTQoS.decoded(raw)))
            } catch {
                throw body.error(error, at: qosOffset)
            }
        }
        guard !subscriptions.isEmpty else { throw body.error(.noEntries(packet: "SUBSCRIBE")) }
        return MQTTSubscribe(packetID: id, subscriptions: subscriptions)
    }

    private static func topicName(_ body: inout MQTTReader, field: String) throws(MQTTDecodingError) -> String {
        let offset = body.offset
        let topic = try body.string(field)
        do {
            try MQTTTopic.validateName(topic)
        } catch {
            throw body.error(error, at: offset)
        }
        return topic
    }

    private static func filter(_ body: inout MQTTReader) throws(MQTTDecodingError) -> String {
        let offset = body.offset
        let filter = try body.string("topic filter")
        do {
            try MQTTTopic.validateFilter(filter)
        } catch {
            throw body.error(error, at: offset)
        }
        return filter
    }
}
