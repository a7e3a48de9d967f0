#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemKitTestSupport
import ModemCore
import ModemTransport
import Testing

@Suite struct TCPTransportTests {
    static let ipv6Available = LoopbackListener(ipv6: true) != nil

    @Test func roundTripOverIPv4() async throws {
        try await roundTrip(ipv6: false)
    }

    @Test(.enabled(if: TCPTransportTests.ipv6Available, "::1 is not available"))
    func roundTripOverIPv6() async throws {
        try await roundTrip(ipv6: true)
    }

    private func roundTrip(ipv6: Bool) async throws {
        let listener = try #require(LoopbackListener(ipv6: ipv6))
        let client = try await TCPTransport(host: listener.host, port: listener.port, connectTimeout: .seconds(5))
        let server = try listener.accept()
        #expect(client.descriptionForLog == (ipv6 ? "tcp:[::1]:\(listener.port)" : "tcp:127.0.0.1:\(listener.port)"))
        let all = (0...255).map { UInt8($0) }
        try await client.write("AT\r".bytes + all)
        #expect(try await bounded { try await readExactly(server, 259) } == "AT\r".bytes + all)
        try await server.write("\r\nOK\r\n".bytes)
        #expect(try await bounded { try await readExactly(client, 6) } == "\r\nOK\r\n".bytes)
        await client.close()
        await server.close()
    }

    @Test func largeTransfersBothWays() async throws {
        let listener = try #require(LoopbackListener(ipv6: false))
        let client = try await TCPTransport(host: "127.0.0.1", port: listener.port)
        let server = try listener.accept()
        let size = 1024 * 1024 + 7
        let up = [UInt8].pattern(count: size, seed: 3)
        let down = [UInt8].pattern(count: size, seed: 4)
        try await bounded(.seconds(30)) {
            async let sentUp: Void = client.write(up)
            async let sentDown: Void = server.write(down)
            async let receivedUp = readExactly(server, size)
            async let receivedDown = readExactly(client, size)
            try await sentUp
            try await sentDown
            #expect(try await receivedUp == up)
            #expect(try await receivedDown == down)
        }
        await client.close()
        await server.close()
    }

    @Test func peerCloseDrainsThenReportsClosed() async throws {
        let listener = try #require(LoopbackListener(ipv6: false))
        let client = try await TCPTransport(host: "127.0.0.1", port: listener.port)
        let server = try listener.accept()
        try await server.write("goodbye".bytes)
        await server.close()
        #expect(try await bounded { try await readExactly(client, 7) } == "goodbye".bytes)
        #expect(try await bounded { await transportError { _ = try await client.read() } } == .closed)
        // Writing to a closed peer fails with .closed (eventually: the first write may be
        // accepted before the reset arrives) and never raises SIGPIPE.
        let writeError = try await bounded {
            var error: TransportError?
            while error == nil {
                error = await transportError { try await client.write([UInt8](repeating: 0x41, count: 65536)) }
            }
            return error
        }
        #expect(writeError == .closed)
        await client.close()
    }

    @Test func closeUnblocksAPendingRead() async throws {
        let listener = try #require(LoopbackListener(ipv6: false))
        let client = try await TCPTransport(host: "localhost", port: listener.port)
        let server = try listener.accept()
        let reader = Task { await transportError { _ = try await client.read() } }
        await Task.yield()
        await client.close()
        #expect(try await bounded { await reader.value } == .closed)
        await server.close()
    }

    @Test func refusedConnectionIsASystemError() async throws {
        var port: UInt16 = 0
        do {
            let listener = try #require(LoopbackListener(ipv6: false))
            port = listener.port
        }  // closed: nothing listens there now
        let error = await transportError { _ = try await TCPTransport(host: "127.0.0.1", port: port, connectTimeout: .seconds(5)) }
        guard case .system(_, let code, _) = error else {
            Issue.record("expected a system error, got \(String(describing: error))")
            return
        }
        #expect(code == ECONNREFUSED)
    }
}
