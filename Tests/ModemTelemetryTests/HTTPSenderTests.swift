import HTTPTypes
import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// Layer 5: ``HTTPSender`` against a real HTTP server (NIOHTTP1) on 127.0.0.1 through host sockets.
@Suite("HTTPSender against a loopback HTTP server", .serialized)
struct HTTPSenderTests {
    static func sender(_ server: TestHTTPServer, clock: any Clock<Duration> = ContinuousClock(),
                       configuration: HTTPSender.Configuration = .init(responseTimeout: .seconds(20))) -> HTTPSender {
        let destination = HTTPDestination(endpoint: TelemetryEndpoint(host: .ipv4("127.0.0.1"), port: server.port), target: "/ingest?site=7")
        return HTTPSender(destination: destination, connector: HostSocketConnector(), clock: clock, configuration: configuration)
    }

    @Test func twoHundredDeliversTheBatchAsOneJSONArrayOnAKeptAliveConnection() async throws {
        let server = try await TestHTTPServer.start()
        let sender = Self.sender(server)
        let readings = Readings.make(3)
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report == DeliveryReport(delivered: readings.map(\.id)))
        let request = try #require(try await server.requests.first(1).first)
        #expect(request.head.method == .POST && request.head.uri == "/ingest?site=7")
        #expect(request.head.headers["Host"] == ["127.0.0.1:\(server.port)"])
        #expect(request.head.headers["Content-Type"] == ["application/json"])
        #expect(request.head.headers["User-Agent"] == ["ModemKit"])
        #expect(request.body == TelemetryEnvelope.jsonArray(readings))
        // The next batch goes on the same connection.
        let next = Readings.make(1, from: 3)
        #expect(try await bounded { await sender.deliver(next) }.delivered == next.map(\.id))
        #expect(server.connections == 1)
        await sender.close()
        await server.stop()
    }

    @Test func fourHundredRejectsTheBatchWithTheReason() async throws {
        let server = try await TestHTTPServer.start(answer: .status(400))
        let sender = Self.sender(server)
        let readings = Readings.make(2)
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report.delivered.isEmpty && report.failure == nil)
        #expect(report.rejected == readings.map { DeliveryReport.Rejection(id: $0.id, reason: "HTTP 400 Bad Request") })
        await sender.close()
        await server.stop()
    }

    @Test(arguments: [503, 500, 429, 301])
    func otherAnswersAreFailuresRetriedLater(code: Int) async throws {
        let server = try await TestHTTPServer.start(answer: .status(code))
        let sender = Self.sender(server)
        let readings = Readings.make(2)
        let failed = try await bounded { await sender.deliver(readings) }
        #expect(failed.delivered.isEmpty && failed.rejected.isEmpty)
        #expect(failed.failure?.hasPrefix("HTTP \(code)") == true, "\(failed)")
        server.answer = .status(200)
        #expect(try await bounded { await sender.deliver(readings) }.delivered == readings.map(\.id))
        await sender.close()
        await server.stop()
    }

    @Test func noAnswerWithinTheTimeoutIsAFailureAndTheNextBatchUsesANewConnection() async throws {
        let server = try await TestHTTPServer.start(answer: .hang)
        let clock = ManualClock()
        let sender = Self.sender(server, clock: clock, configuration: .init(responseTimeout: .seconds(30)))
        let readings = Readings.make(1)
        let pending = Task { await sender.deliver(readings) }
        _ = try await server.requests.first(1)   // the server has it and says nothing
        try await bounded { await clock.waitForSleepers(1) }
        clock.advance(by: .seconds(30))
        let report = try await bounded { await pending.value }
        #expect(report.delivered.isEmpty && report.failure?.contains("no response within 30") == true, "\(report)")
        server.answer = .status(204)
        #expect(try await bounded { await sender.deliver(readings) }.delivered == readings.map(\.id))
        #expect(server.connections == 2)
        await sender.close()
        await server.stop()
    }

    @Test func largeBatchesAreSplitByBodySize() async throws {
        let server = try await TestHTTPServer.start()
        let readings = Readings.make(10)
        let envelope = TelemetryEnvelope.json(readings[0]).count
        let sender = Self.sender(server, configuration: .init(maxBodyBytes: 2 + envelope * 4 + 3))
        let report = try await bounded { await sender.deliver(readings) }
        #expect(report.delivered == readings.map(\.id))
        let bodies = try await server.requests.first(3).map(\.body)
        #expect(bodies == [readings[0..<4], readings[4..<8], readings[8..<10]].map { TelemetryEnvelope.jsonArray($0) })
        await sender.close()
        await server.stop()
    }

    @Test func aConnectionTheServerClosedIsOpenedAgain() async throws {
        let server = try await TestHTTPServer.start()
        let sender = Self.sender(server)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.failure == nil)
        await server.closeConnections()
        let report = try await bounded { await sender.deliver(Readings.make(1, from: 1)) }
        #expect(report.delivered.count == 1, "\(report)")
        #expect(server.connections == 2)
        await sender.close()
        await server.stop()
    }

    @Test func nobodyListeningIsAFailure() async throws {
        let server = try await TestHTTPServer.start()
        await server.stop()
        let sender = Self.sender(server)
        let report = try await bounded { await sender.deliver(Readings.make(2)) }
        #expect(report.delivered.isEmpty && report.rejected.isEmpty && report.failure != nil)
        #expect(sender.name == "http://127.0.0.1:\(server.port)/ingest?site=7")
    }
}
