import ModemKitTestSupport
import Synchronization
import Telemetry
import Testing
import VirtualModem
@testable import VirtualModemHost

@Suite("Fleet modems publishing over MQTT")
struct FleetMQTTTests {
    static func decode(_ bytes: [UInt8]?) throws -> MQTTPacket? {
        var decoder = MQTTPacketDecoder()
        decoder.append(try #require(bytes))
        return try decoder.next()
    }

    @Test("CONNECT, CONNACK cut byte by byte, two PUBLISHes, their PUBACKs, DISCONNECT")
    func conversationTranscript() throws {
        var talk = FleetMQTTConversation(index: 7, topic: "t", readings: 2, timestamp: 1_764_112_345_123)
        guard case .connect(let connect) = try Self.decode(talk.nextOutgoing()) else { Issue.record("no CONNECT"); return }
        #expect(connect.clientID == "fleet-7")
        #expect(connect.cleanSession)
        #expect(talk.nextOutgoing() == nil)
        for byte in [0x20, 0x02, 0x00, 0x00] as [UInt8] { talk.received([byte]) }
        for id: UInt16 in 1...2 {
            guard case .publish(let publish) = try Self.decode(talk.nextOutgoing()) else { Issue.record("no PUBLISH"); return }
            #expect(publish.topic == "t/7")
            #expect(publish.qos == .atLeastOnce)
            #expect(publish.packetID == id)
            let json = String(decoding: publish.payload, as: UTF8.self)
            #expect(json.hasPrefix(#"{"id":"fleet-7-\#(id)","ts":1764112345123,"data":{"modem":7,"seq":\#(id),"#), "\(json)")
        }
        #expect(talk.nextOutgoing() == nil)
        talk.received([0x40, 0x02, 0x00, 0x01, 0x40, 0x02])
        #expect(talk.nextOutgoing() == nil)
        talk.received([0x00, 0x02])
        #expect(talk.outcome == .running)
        #expect(try Self.decode(talk.nextOutgoing()) == .disconnect)
        #expect(talk.outcome == .done)
        #expect(talk.acknowledgedCount == 2)
    }

    @Test("a refused CONNACK, a PUBACK out of order and garbage each fail the conversation")
    func conversationFailures() {
        var refused = FleetMQTTConversation(index: 0, topic: "t", readings: 1, timestamp: 0)
        _ = refused.nextOutgoing()
        refused.received([0x20, 0x02, 0x00, 0x05])
        #expect(refused.outcome == .failed("CONNACK refused: 5 (not authorized)"))
        #expect(refused.nextOutgoing() == nil)

        var wrongID = FleetMQTTConversation(index: 0, topic: "t", readings: 2, timestamp: 0)
        _ = wrongID.nextOutgoing()
        wrongID.received([0x20, 0x02, 0x00, 0x00])
        _ = wrongID.nextOutgoing()
        _ = wrongID.nextOutgoing()
        wrongID.received([0x40, 0x02, 0x00, 0x02])
        #expect(wrongID.outcome == .failed("unexpected PUBACK id 2 (expected 1)"))

        var garbage = FleetMQTTConversation(index: 0, topic: "t", readings: 1, timestamp: 0)
        _ = garbage.nextOutgoing()
        garbage.received([0x00, 0x00])
        guard case .failed(let why) = garbage.outcome else { Issue.record("not failed"); return }
        #expect(why.hasPrefix("broker sent a malformed packet"))
    }

    @Test("the window holds back PUBLISHes until PUBACKs come")
    func window() throws {
        var talk = FleetMQTTConversation(index: 1, topic: "t", readings: 5, timestamp: 0, window: 2)
        _ = talk.nextOutgoing()
        talk.received([0x20, 0x02, 0x00, 0x00])
        #expect(talk.nextOutgoing() != nil)
        #expect(talk.nextOutgoing() != nil)
        #expect(talk.nextOutgoing() == nil)
        talk.received([0x40, 0x02, 0x00, 0x01])
        guard case .publish(let third) = try Self.decode(talk.nextOutgoing()) else { Issue.record("no PUBLISH"); return }
        #expect(third.packetID == 3)
    }

    @Test("each socket dialect's modems publish through their AT commands to an in-process broker",
          arguments: ["quectel-bg96", "simcom-sim800", "simcom-sim7600", "ublox-sara-r4"])
    func fleetPublishes(name: String) async throws {
        let profile = try #require(VirtualModemProfile.named(name))
        let broker = InProcessBroker()
        let workload = try #require(FleetWorkload.converse(dialect: profile.dialect, port: 1883) {
            FleetMQTTConversation(index: $0, topic: "fleet", readings: 3, timestamp: 0)
        })
        let fleet = VirtualModemFleet(
            count: 10, configuration: VirtualModemConfiguration(profile: FleetTests.fast(profile)), workload: workload,
            sockets: broker.performer)
        let report = try await bounded { await fleet.run() }
        #expect(report.failed == 0, "\(report.failures)")
        #expect(report.completed == 10)
        let seen = broker.seen
        #expect(seen.clients == Set((0..<10).map { "fleet-\($0)" }))
        #expect(seen.publishes == 30)
        #expect(seen.topics == Set((0..<10).map { "fleet/\($0)" }))
        #expect(seen.disconnects == 10)
    }

    @Test("closing a socket the broker already closed ends the run, not fails it")
    func closeAfterThePeerClosed() throws {
        let workload = try #require(FleetWorkload.converse(dialect: .simcomSIM800, port: 1883) {
            FleetMQTTConversation(index: $0, topic: "t", readings: 1, timestamp: 0)
        })
        let close = try #require(workload.steps.last)
        #expect(close.line == "AT+CIPCLOSE=0")
        #expect(close.errorEnds)
        var host = FleetHost()
        let only = FleetWorkload(steps: [close])
        #expect(host.start(workload: only, index: 0, at: .zero) == Array("AT+CIPCLOSE=0\r".utf8))
        _ = host.received(Array("\r\n0, CLOSED\r\n\r\nERROR\r\n".utf8), workload: only, index: 0, at: .zero)
        #expect(host.phase == .done)
    }

    @Test("a broker that never answers CONNECT fails each modem after the step timeout")
    func silentBroker() async throws {
        let broker = InProcessBroker(answers: false)
        var workload = try #require(FleetWorkload.converse(dialect: .quectel, port: 1883) {
            FleetMQTTConversation(index: $0, topic: "fleet", readings: 1, timestamp: 0)
        })
        workload.stepTimeout = .milliseconds(300)
        let fleet = VirtualModemFleet(
            count: 3, configuration: VirtualModemConfiguration(profile: FleetTests.fast(.quectelBG96)), workload: workload,
            sockets: broker.performer)
        let report = try await bounded { await fleet.run() }
        #expect(report.failed == 3)
        #expect(report.failures.first?.contains("socket conversation: no answer within") == true, "\(report.failures)")
    }
}

/// A broker inside the test: each modem socket's bytes are decoded as MQTT and answered
/// (CONNACK, PUBACK) at once, through the socket events a real bridge would report.
final class InProcessBroker: Sendable {
    struct Seen: Sendable {
        var clients: Set<String> = []
        var topics: Set<String> = []
        var publishes = 0
        var disconnects = 0
    }

    let answers: Bool
    private let state = Mutex<(seen: Seen, decoders: [String: MQTTPacketDecoder])>((Seen(), [:]))
    private let nextPerformer = Mutex(0)

    init(answers: Bool = true) {
        self.answers = answers
    }

    var seen: Seen { state.withLock { $0.seen } }

    var performer: @Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer {
        { [self] onEvent in
            let number = nextPerformer.withLock { value in defer { value += 1 }; return value }
            return Performer(broker: self, modem: number, onEvent: onEvent)
        }
    }

    struct Performer: SocketPerformer {
        let broker: InProcessBroker
        let modem: Int
        let onEvent: @Sendable (SocketEvent) -> Void

        func perform(_ request: SocketRequest) {
            switch request {
            case .open(let id, _, _, _):
                onEvent(.opened(id: id))
            case .send(let id, let bytes):
                let reply = broker.take(bytes, from: "\(modem)/\(id)")
                if !reply.isEmpty { onEvent(.received(id: id, bytes: reply, host: "127.0.0.1", port: 1883)) }
            case .sendTo, .close:
                break
            }
        }

        func shutdown() async {}
    }

    func take(_ bytes: [UInt8], from socket: String) -> [UInt8] {
        state.withLock { state in
            var decoder = state.decoders[socket] ?? MQTTPacketDecoder()
            decoder.append(bytes)
            var reply: [UInt8] = []
            while let packet = try? decoder.next() {
                switch packet {
                case .connect(let connect):
                    state.seen.clients.insert(connect.clientID)
                    if answers { reply += [0x20, 0x02, 0x00, 0x00] }
                case .publish(let publish):
                    state.seen.publishes += 1
                    state.seen.topics.insert(publish.topic)
                    if let id = publish.packetID { reply += [0x40, 0x02, UInt8(id >> 8), UInt8(id & 0xFF)] }
                case .disconnect:
                    state.seen.disconnects += 1
                default:
                    break
                }
            }
            state.decoders[socket] = decoder
            return reply
        }
    }
}
