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

/// Layer 5: sockets through the SIMCom SIM7600 virtual modem on a pty to a real TCP echo
/// server on 127.0.0.1, after the ``Modem`` brought data up.
@Suite("SIM7600 sockets through the virtual modem to a loopback echo server")
struct SIM7600SocketEndToEndTests {
    func connected() async throws -> (VirtualModemOnPTY, ATClient, Modem) {
        try await SocketEndToEnd.connected("simcom-sim7600")
    }

    func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await SocketEndToEnd.read(socket, count: count)
    }

    @Test("NETOPEN, connect, binary send chunked past 1500 bytes, CIPRXGET reads of the echo, close; remote close; refused port")
    func echo() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        let (vm, client, modem) = try await connected()
        let sockets = SIM7600SocketService(client: client)

        try await SocketEndToEnd.tcpEchoes(via: sockets, port: port)

        // A refused port is the modem's <err> 1 (network failure); a bad host never reaches the wire.
        await #expect(throws: ModemSocketError.openFailed(code: 1, meaning: "network failure")) {
            try await sockets.connect(host: "127.0.0.1", port: 1)
        }
        await #expect(throws: ModemSocketError.self) { try await sockets.connect(host: "bad\"host", port: 80) }
        let third = try await sockets.connect(host: "127.0.0.1", port: port)
        try await third.send([0x3E, 0x0D, 0x0A, 0x1A])
        #expect(try await read(third, count: 4) == [0x3E, 0x0D, 0x0A, 0x1A])
        await third.close()

        await modem.stop()
        await client.close()
        await vm.stop()
        try await server.close()
    }

    @Test("UDP: CIPOPEN \"UDP\" with a local port, CIPSEND naming the peer, echoes read with CIPRXGET; oversized refused")
    func udp() async throws {
        let server = try await UDPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("simcom-sim7600") { client, _ in
            let sockets = SIM7600SocketService(client: client)
            try await SocketEndToEnd.udpEchoes(try await sockets.connectUDP(host: "127.0.0.1", port: port), largest: SIM7600.maxSendLength)
        }
        try await server.close()
    }

    @Test("three links at once, sends and reads interleaved, no byte crosses between them")
    func threeSockets() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("simcom-sim7600") { client, _ in
            let sockets = SIM7600SocketService(client: client)
            _ = try await SocketEndToEnd.threeAtOnce { try await sockets.connect(host: "127.0.0.1", port: port) }
        }
        try await server.close()
    }

    @Test("a bad host or port is refused before any command is written")
    func validation() async throws {
        let (near, modemSide) = InMemoryTransport.pair()
        let client = ATClient(transport: near)
        let sockets = SIM7600SocketService(client: client)
        for (host, port) in [("bad\"host", 80), ("", 80), ("a\r\nAT+CFUN=0", 80), ("a\\b", 80), ("h", 0), ("h", 70_000)] {
            await #expect(throws: ModemSocketError.self) { try await sockets.connect(host: host, port: port) }
        }
        // The first bytes the modem sees are a later command's: nothing was written before it.
        async let done: Void = client.send(SIM7600.CIPCLOSE(link: 0))
        let first = try await bounded { try await modemSide.read() }
        #expect(first == Array("AT+CIPCLOSE=0\r".utf8))
        try await modemSide.write(Array("\r\nOK\r\n".utf8))
        try await done
        await client.close()
    }
}
