import Synchronization
import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// Layer 4: ``HTTPSender``'s exchanges against a scripted peer: answers in pieces, broken
/// answers, connections that end, and when a request is repeated.
@Suite struct HTTPSenderExchangeTests {
    static let destination = HTTPDestination(endpoint: TelemetryEndpoint(host: .name("collector"), port: 8080), target: "/in")

    static func sender(_ connector: ScriptedConnector) -> HTTPSender {
        HTTPSender(destination: destination, connector: connector, configuration: .init(responseTimeout: .seconds(20)))
    }

    @Test func anInterimResponseAndAChunkedAnswerInPieces() async throws {
        let connector = ScriptedConnector { _, sent, peer in
            #expect(String(decoding: sent, as: UTF8.self).hasPrefix("POST /in HTTP/1.1\r\nHost: collector:8080\r\n"))
            for piece in ["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 2", "01 Created\r\nTransfer-Encoding: chunked\r\n\r\n", "2\r\nok\r\n0\r\n\r\n"] {
                peer.reply(piece)
            }
        }
        let sender = Self.sender(connector)
        let readings = Readings.make(2)
        #expect(try await bounded { await sender.deliver(readings) } == DeliveryReport(delivered: readings.map(\.id)))
        #expect(try await bounded { await sender.deliver(readings) }.delivered.count == 2)
        #expect(connector.connections == 1)
    }

    @Test func aBrokenAnswerIsAFailureAndTheConnectionIsReplaced() async throws {
        let connector = ScriptedConnector { number, _, peer in
            peer.reply(number == 1 ? "HTTP/1.1 20x OK\r\n\r\n" : "HTTP/1.1 204 No Content\r\n\r\n")
        }
        let sender = Self.sender(connector)
        let report = try await bounded { await sender.deliver(Readings.make(1)) }
        #expect(report.failure == "http://collector:8080/in: HTTP response: invalid status code \"20x\" at offset 9")
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(connector.connections == 2)
    }

    @Test func aReusedConnectionFoundClosedIsOpenedAgainAndTheRequestRepeatedOnce() async throws {
        let requests = RequestCounter()
        let connector = ScriptedConnector { number, _, peer throws(TelemetryConnectionError) in
            requests.add()
            if number == 1 && requests.count == 2 { throw .closed }
            peer.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        }
        let sender = Self.sender(connector)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(connector.connections == 2 && requests.count == 3)
    }

    @Test func aReusedConnectionThatEndsWithoutAnAnswerIsRetried() async throws {
        let requests = RequestCounter()
        let connector = ScriptedConnector { number, _, peer in
            requests.add()
            // The server closed connection 1 while it was idle: the second request gets no answer.
            if number == 1 && requests.count == 2 { peer.hangUp() } else { peer.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") }
        }
        let sender = Self.sender(connector)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(connector.connections == 2 && requests.count == 3)
    }

    @Test func aFreshConnectionThatEndsWithoutAnAnswerIsAFailureNotRepeated() async throws {
        let connector = ScriptedConnector { _, _, peer in peer.hangUp() }
        let sender = Self.sender(connector)
        let report = try await bounded { await sender.deliver(Readings.make(1)) }
        #expect(report.failure?.hasSuffix("connection closed") == true, "\(report)")
        #expect(connector.connections == 1)
    }

    @Test func connectionCloseAndBodiesUntilCloseEndTheConnection() async throws {
        let connector = ScriptedConnector { number, _, peer in
            if number == 1 {
                peer.reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
            } else {
                peer.reply("HTTP/1.0 200 OK\r\n\r\nuntil close")
                peer.hangUp()
            }
        }
        let sender = Self.sender(connector)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(try await bounded { await sender.deliver(Readings.make(1)) }.delivered.count == 1)
        #expect(connector.connections == 3)
    }
}

final class RequestCounter: Sendable {
    private let value = Synchronization.Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}
