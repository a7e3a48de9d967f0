import Telemetry

/// One fleet modem's MQTT 3.1.1 session as a ``FleetConversation``: CONNECT with client ID
/// `fleet-<index>`, CONNACK, `readings` QoS 1 PUBLISHes of ``TelemetryEnvelope`` JSON to
/// `<topic>/<index>`, their PUBACKs, DISCONNECT.
///
///     → 10 13 00 04 'MQTT' 04 02 00 3C 00 07 'fleet-7'           CONNECT
///     ← 20 02 00 00                                              CONNACK accepted
///     → 32 .. 00 07 'fleet/7' 00 01 {"id":"fleet-7-1","ts":…,"data":{"modem":7,"seq":1,…}}
///     ← 40 02 00 01                                              PUBACK 1
///     …                                                          (up to `window` in flight)
///     → E0 00                                                    DISCONNECT
///
/// Packets are built when they are sent, never stored: a modem holds its counters and the
/// decoder's few buffered bytes, so ten thousand of them stay small.
public struct FleetMQTTConversation: FleetConversation {
    private enum Phase: Sendable, Equatable {
        case connecting
        case awaitingConnAck
        case publishing
        case disconnecting
        case finished
    }

    public let index: Int
    public let topic: String
    public let readings: Int
    /// Milliseconds since 1970 written into each envelope's `ts`.
    public let timestamp: Int64
    /// The client ID's prefix: `fleet` gives `fleet-<index>`.
    public let clientPrefix: String
    /// PUBLISHes sent and not yet acknowledged, at most.
    public let window: Int
    private var phase = Phase.connecting
    private var sent = 0
    private var acknowledged = 0
    private var decoder = MQTTPacketDecoder(maximumPacketSize: 4096)
    private var failure: String?

    public init(index: Int, topic: String, readings: Int, timestamp: Int64, clientPrefix: String = "fleet", window: Int = 16) {
        self.index = index
        self.topic = topic
        self.readings = max(0, readings)
        self.timestamp = timestamp
        self.clientPrefix = clientPrefix
        self.window = max(1, window)
    }

    /// PUBACKs received so far.
    public var acknowledgedCount: Int { acknowledged }

    public var outcome: FleetConversationOutcome {
        if let failure { return .failed(failure) }
        return phase == .finished ? .done : .running
    }

    public mutating func nextOutgoing() -> [UInt8]? {
        guard failure == nil else { return nil }
        switch phase {
        case .connecting:
            phase = .awaitingConnAck
            return encode(.connect(MQTTConnect(clientID: "\(clientPrefix)-\(index)", cleanSession: true, keepAlive: 60)))
        case .awaitingConnAck, .finished:
            return nil
        case .publishing:
            guard sent < readings, sent - acknowledged < window else {
                guard acknowledged == readings else { return nil }
                phase = .disconnecting
                return nextOutgoing()
            }
            sent += 1
            return encode(.publish(MQTTPublish(
                topic: "\(topic)/\(index)", payload: Self.reading(index: index, sequence: sent, timestamp: timestamp, prefix: clientPrefix),
                qos: .atLeastOnce, packetID: UInt16(truncatingIfNeeded: (sent - 1) % 65_535 + 1)
            )))
        case .disconnecting:
            phase = .finished
            return encode(.disconnect)
        }
    }

    public mutating func received(_ bytes: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        decoder.append(bytes)
        do {
            while let packet = try decoder.next() {
                handle(packet)
                if failure != nil { return }
            }
        } catch {
            failure = "broker sent a malformed packet: \(error)"
        }
    }

    private mutating func handle(_ packet: MQTTPacket) {
        switch (phase, packet) {
        case (.awaitingConnAck, .connack(let connack)):
            guard connack.returnCode == .accepted else {
                failure = "CONNACK refused: \(connack.returnCode)"
                return
            }
            phase = readings == 0 ? .disconnecting : .publishing
        case (.publishing, .puback(let id)):
            let expected = UInt16(truncatingIfNeeded: acknowledged % 65_535 + 1)
            guard acknowledged < sent, id == expected else {
                failure = "unexpected PUBACK id \(id) (expected \(expected))"
                return
            }
            acknowledged += 1
        default:
            failure = "unexpected \(packet) while \(phase)"
        }
    }

    private mutating func encode(_ packet: MQTTPacket) -> [UInt8]? {
        do {
            return try packet.encoded()
        } catch {
            failure = "cannot encode \(packet): \(error)"
            return nil
        }
    }

    /// Reading `sequence` of modem `index` in its envelope:
    /// `{"id":"fleet-7-1","ts":1764112345123,"data":{"modem":7,"seq":1,"t":21.7,"rssi":-71}}`.
    public static func reading(index: Int, sequence: Int, timestamp: Int64, prefix: String = "fleet") -> [UInt8] {
        let tenths = 200 + (index * 7 + sequence * 3) % 60
        let data = #"{"modem":\#(index),"seq":\#(sequence),"t":\#(tenths / 10).\#(tenths % 10),"rssi":-\#(60 + (index + sequence) % 40)}"#
        return TelemetryEnvelope.json(TelemetryReading(
            id: "\(prefix)-\(index)-\(sequence)", enqueuedAt: timestamp, sequence: Int64(sequence), payload: Array(data.utf8)))
    }
}
