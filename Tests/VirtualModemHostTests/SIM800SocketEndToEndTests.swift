import ATCodec
import ModemCore
import ModemDialects
import ModemKit
import ModemKitTestSupport
import ModemTransport
import NIOCore
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: sockets through the SIMCom SIM800 virtual modem (CIP stack, multi-link, manual
/// receive) on a pty to real TCP and UDP echo servers on 127.0.0.1, after the ``Modem``
/// registered and the service brought the stack's own bearer up.
@Suite("SIM800 sockets through the virtual modem to loopback echo servers")
struct SIM800SocketEndToEndTests {
    func connected() async throws -> (VirtualModemOnPTY, ATClient, Modem, SIM800SocketService) {
        let (vm, client, modem) = try await SocketEndToEnd.connected("simcom-sim800")
        return (vm, client, modem, SIM800SocketService(client: client, session: try DataSessionSettings(apn: "internet")))
    }

    func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await SocketEndToEnd.read(socket, count: count)
    }

    @Test("bearer up (CIPMUX, CIPRXGET, CSTT, CIICR, CIFSR), connect, send chunked past 1460 bytes, CIPRXGET reads, close; remote close; refused port")
    func echo() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        let (vm, client, modem, sockets) = try await connected()

        try await SocketEndToEnd.tcpEchoes(via: sockets, port: port)
        #expect(await sockets.localAddress?.isIPv4 == true)                // from AT+CIFSR

        // A refused port is the deferred "<n>, CONNECT FAIL"; the link is free again afterwards.
        await #expect(throws: ModemSocketError.connectRejected(result: "0, CONNECT FAIL")) {
            try await sockets.connect(host: "127.0.0.1", port: 1)
        }
        await #expect(throws: ModemSocketError.self) { try await sockets.connect(host: "bad\"host", port: 80) }
        let third = try await sockets.connect(host: "127.0.0.1", port: port)
        #expect(third.id == 0)
        try await third.send([0x3E, 0x20, 0x0D, 0x0A, 0x1A, 0x1B])      // prompt, CR LF, Ctrl-Z, ESC as data
        #expect(try await read(third, count: 6) == [0x3E, 0x20, 0x0D, 0x0A, 0x1A, 0x1B])

        // CIPSHUT ends every link; the next connect brings the bearer up again.
        await sockets.shutdown()
        #expect(try await read(third, count: 1).isEmpty)
        let fourth = try await sockets.connect(host: "127.0.0.1", port: port)
        try await fourth.send(Array("again".utf8))
        #expect(try await read(fourth, count: 5) == Array("again".utf8))
        await fourth.close()

        await modem.stop()
        await client.close()
        await vm.stop()
        try await server.close()
    }

    @Test("UDP: datagrams out with CIPSEND, echoes back through +CIPRXGET: 1 and CIPRXGET=2; oversized refused")
    func udp() async throws {
        let server = try await UDPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("simcom-sim800") { client, _ in
            let sockets = SIM800SocketService(client: client, session: try DataSessionSettings(apn: "internet"))
            try await SocketEndToEnd.udpEchoes(try await sockets.connectUDP(host: "127.0.0.1", port: port), largest: SIM800.maxSendLength)
        }
        try await server.close()
    }

    @Test("three links at once, sends and reads interleaved, no byte crosses between them")
    func threeSockets() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("simcom-sim800") { client, _ in
            let sockets = SIM800SocketService(client: client, session: try DataSessionSettings(apn: "internet"))
            let opened = try await SocketEndToEnd.threeAtOnce { try await sockets.connect(host: "127.0.0.1", port: port) }
            #expect(Set(opened.map(\.id)) == [0, 1, 2])
        }
        try await server.close()
    }
}
