extension MQTTPacket {
    /// The packet's bytes: fixed header, variable header, payload.
    ///
    ///     try MQTTPacket.unsuback(packetID: 7).encoded()   // [0xB0, 0x02, 0x00, 0x07]
    ///
    /// Throws what would make it malformed (a wildcard in a PUBLISH topic, packet identifier 0,
    /// a string over 65 535 bytes, an empty SUBSCRIBE...): nothing invalid reaches the wire.
    public func encoded() throws(MQTTViolation) -> [UInt8] {
        var body = MQTTWriter()
        var flags: UInt8 = 0
        switch self {
        case .connect(let connect):
            try Self.write(connect, to: &body)
        case .connack(let connack):
            body.byte(connack.sessionPresent ? 1 : 0)
            body.byte(connack.returnCode.code)
        case .publish(let publish):
            flags = try Self.write(publish, to: &body)
        case .puback(let id), .unsuback(let id):
            try body.packetID(id)
        case .subscribe(let subscribe):
            flags = 0b0010
            guard !subscribe.subscriptions.isEmpty else { throw .noEntries(packet: "SUBSCRIBE") }
            try body.packetID(subscribe.packetID)
            for subscription in subscribe.subscriptions {
                try MQTTTopic.validateFilter(subscription.filter)
                try body.string(subscription.filter, field: "topic filter")
                body.byte(subscription.qos.rawValue)
            }
        case .suback(let suback):
            guard !suback.returnCodes.isEmpty else { throw .noEntries(packet: "SUBACK") }
            try body.packetID(suback.packetID)
            for code in suback.returnCodes { body.byte(code.rawValue) }
        case .unsubscribe(let unsubscribe):
            flags = 0b0010
            guard !unsubscribe.filters.isEmpty else { throw .noEntries(packet: "UNSUBSCRIBE") }
            try body.packetID(unsubscribe.packetID)
            for filter in unsubscribe.filters {
                try MQTTTopic.validateFilter(filter)
                try body.string(filter, field: "topic filter")
            }
        case .pingreq, .pingresp, .disconnect:
            break
        }
        return [type << 4 | flags] + (try MQTTRemainingLength.encode(body.bytes.count)) + body.bytes
    }

    private static func write(_ connect: MQTTConnect, to body: inout MQTTWriter) throws(MQTTViolation) {
        if connect.clientID.isEmpty && !connect.cleanSession { throw .emptyClientIDNeedsCleanSession }
        if connect.password != nil && connect.username == nil { throw .passwordWithoutUsername }
        try body.string("MQTT", field: "protocol name")
        body.byte(4)
        var flags: UInt8 = connect.cleanSession ? 0x02 : 0
        if let will = connect.will {
            flags |= 0x04 | will.qos.rawValue << 3 | (will.retain ? 0x20 : 0)
        }
        if connect.password != nil { flags |= 0x40 }
        if connect.username != nil { flags |= 0x80 }
        body.byte(flags)
        body.uint16(connect.keepAlive)
        try body.string(connect.clientID, field: "client identifier")
        if let will = connect.will {
            try MQTTTopic.validateName(will.topic)
            try body.string(will.topic, field: "will topic")
            try body.binary(will.message, field: "will message")
        }
        if let username = connect.username { try body.string(username, field: "user name") }
        if let password = connect.password { try body.binary(password.bytes, field: "password") }
    }

    /// Writes the variable header and payload; returns the fixed-header flags.
    private static func write(_ publish: MQTTPublish, to body: inout MQTTWriter) throws(MQTTViolation) -> UInt8 {
        try MQTTTopic.validateName(publish.topic)
        if publish.qos == .atMostOnce && publish.dup { throw .duplicateOnQoS0 }
        try body.string(publish.topic, field: "topic name")
        switch (publish.qos, publish.packetID) {
        case (.atMostOnce, nil): break
        case (.atLeastOnce, let id?): try body.packetID(id)
        default: throw .packetIDMismatch(qos: publish.qos.rawValue)
        }
        body.bytes += publish.payload
        return (publish.dup ? 0x08 : 0) | publish.qos.rawValue << 1 | (publish.retain ? 0x01 : 0)
    }
}
