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

/// Layer 5: sockets through the u-blox SARA-R4 virtual modem on a pty to a real TCP echo
/// server on 127.0.0.1, after the ``Modem`` brought data up.
@Suite("u-blox sockets through the virtual modem to a loopback echo server")
struct UBloxSocketEndToEndTests {
    func connected() async throws -> (VirtualModemOnPTY, ATClient, Modem) {
        try await SocketEndToEnd.connected("ublox-sara-r4")
    }

    func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await SocketEndToEnd.read(socket, count: count)
    }

    @Test("connect, binary send chunked past 1024 bytes, hex reads of the echo, close; remote close; refused port; bad host")
    func echo() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        let (vm, client, modem) = try await connected()
        let sockets = UBloxSocketService(client: client)

        let first = try await SocketEndToEnd.tcpEchoes(via: sockets, port: port, largeCount: 3000)

        // A refused port is the modem's errno 111 from AT+USOER; the socket number is freed again.
        await #expect(throws: ModemSocketError.connectFailed(code: 111)) { try await sockets.connect(host: "127.0.0.1", port: 1) }
        let third = try await sockets.connect(host: "127.0.0.1", port: port)
        #expect(third.id == first)
        try await third.send([0x40, 0x0D, 0x0A])
        #expect(try await read(third, count: 3) == [0x40, 0x0D, 0x0A])
        await third.close()

        await modem.stop()
        await client.close()
        await vm.stop()
        try await server.close()
    }

    @Test("UDP: binary datagrams out with +USOST, echoes back through +UUSORF and hex +USORF; oversized refused")
    func udp() async throws {
        let server = try await UDPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("ublox-sara-r4") { client, _ in
            let sockets = UBloxSocketService(client: client)
            try await SocketEndToEnd.udpEchoes(try await sockets.connectUDP(host: "127.0.0.1", port: port), largest: UBlox.maxSendLength, binaryCount: 500)
            await #expect(throws: ModemSocketError.self) { try await sockets.connectUDP(host: "127.0.0.1", port: 0) }
        }
        try await server.close()
    }

    @Test("three sockets at once, sends and reads interleaved, no byte crosses between them")
    func threeSockets() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("ublox-sara-r4") { client, _ in
            let sockets = UBloxSocketService(client: client)
            _ = try await SocketEndToEnd.threeAtOnce { try await sockets.connect(host: "127.0.0.1", port: port) }
        }
        try await server.close()
    }

    @Test("a bad host or port is refused before any command is written")
    func validation() async throws {
        let (near, modemSide) = InMemoryTransport.pair()
        let client = ATClient(transport: near)
        let sockets = UBloxSocketService(client: client)
        for (host, port) in [("bad\"host", 80), ("", 80), ("a\r\nAT+CFUN=0", 80), ("a\\b", 80), ("h", 0), ("h", 70_000)] {
            await #expect(throws: ModemSocketError.self) { try await sockets.connect(host: host, port: port) }
        }
        // The first bytes the modem sees are a later command's: nothing was written before it.
        async let code = client.send(UBlox.USOER())
        let first = try await bounded { try await modemSide.read() }
        #expect(first == Array("AT+USOER\r".utf8))
        try await modemSide.write(Array("\r\n+USOER: 0\r\n\r\nOK\r\n".utf8))
        #expect(try await code == 0)
        await client.close()
    }
}
