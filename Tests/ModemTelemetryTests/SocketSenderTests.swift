import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// Layer 5: ``LineSender`` and ``DatagramSender`` against NIO servers on 127.0.0.1.
@Suite("TCP and UDP senders against loopback servers", .serialized)
struct SocketSenderTests {
    static func endpoint(_ server: RecordingSocketServer) -> TelemetryEndpoint {
        TelemetryEndpoint(host: .ipv4("127.0.0.1"), port: server.port)
    }

    @Test func linesArriveInOrderOneEnvelopePerLine() async throws {
        let server = try await RecordingSocketServer.tcp()
        let sender = LineSender(endpoint: Self.endpoint(server), connector: HostSocketConnector(), maxWriteBytes: 100)
        let readings = Readings.make(5) + Readings.make(1, from: 5) { _ in "\"" + String(repeating: "x", count: 150) + "\"" }
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report == DeliveryReport(delivered: readings.map(\.id)))
        let expected = readings.flatMap(TelemetryEnvelope.line)
        let received = try await bounded {
            var bytes: [UInt8] = []
            for await chunk in server.received {
                bytes += chunk
                if bytes.count >= expected.count { break }
            }
            return bytes
        }
        #expect(received == expected)
        #expect(sender.name == "tcp://127.0.0.1:\(server.port)")
        await sender.close()
        await server.stop()
    }

    @Test func tcpWithNobodyListeningIsAFailure() async throws {
        let server = try await RecordingSocketServer.tcp()
        await server.stop()
        let sender = LineSender(endpoint: Self.endpoint(server), connector: HostSocketConnector())
        let report = try await bounded { await sender.deliver(Readings.make(2)) }
        #expect(report.delivered.isEmpty && report.failure?.contains("connect failed") == true, "\(report)")
    }

    @Test func severalEnvelopesPerDatagram() async throws {
        let server = try await RecordingSocketServer.udp()
        let readings = Readings.make(5)
        let line = TelemetryEnvelope.line(readings[0]).count   // 80 bytes each: three per datagram
        let sender = DatagramSender(endpoint: Self.endpoint(server), connector: HostSocketConnector(), maxDatagramBytes: line * 3 + 10)
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report == DeliveryReport(delivered: readings.map(\.id)))
        let datagrams = try await server.received.first(2)
        #expect(datagrams == [readings[0..<3], readings[3..<5]].map { $0.flatMap(TelemetryEnvelope.line) })
        await sender.close()
        await server.stop()
    }

    @Test func oneEnvelopePerDatagramAndOversizeRejected() async throws {
        let server = try await RecordingSocketServer.udp()
        let sender = DatagramSender(endpoint: Self.endpoint(server), connector: HostSocketConnector(), maxDatagramBytes: 100, several: false)
        let big = Readings.make(1, from: 9) { _ in "\"" + String(repeating: "x", count: 100) + "\"" }[0]
        let readings = Readings.make(2) + [big] + Readings.make(1, from: 2)
        let report = try await bounded { await sender.deliver(readings) }
        let size = TelemetryEnvelope.line(big).count
        #expect(report.delivered == [readings[0], readings[1], readings[3]].map(\.id))
        #expect(report.rejected == [.init(id: big.id, reason: "envelope of \(size) bytes is larger than the 100-byte datagram limit")])
        let datagrams = try await server.received.first(3)
        #expect(datagrams == [readings[0], readings[1], readings[3]].map(TelemetryEnvelope.line))
        await sender.close()
        await server.stop()
    }
}
