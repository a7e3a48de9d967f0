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

/// Layer 5: sockets through the Quectel BG96 virtual modem on a pty to a real TCP echo server
/// on 127.0.0.1, after the ``Modem`` brought data up.
@Suite("Quectel sockets through the virtual modem to a loopback echo server")
struct QuectelSocketEndToEndTests {
    func connected() async throws -> (VirtualModemOnPTY, ATClient, Modem) {
        try await SocketEndToEnd.connected("quectel-bg96")
    }

    func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await SocketEndToEnd.read(socket, count: count)
    }

    @Test("connect, send (chunked past 1460 bytes, binary), receive the echo, close; remote close ends the stream")
    func echo() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        let (vm, client, modem) = try await connected()
        let sockets = QuectelSocketService(client: client)

        try await SocketEndToEnd.tcpEchoes(via: sockets, port: port)

        // A refused port is the modem's 566; a bad host never reaches the wire.
        await #expect(throws: ModemSocketError.connectFailed(code: 566)) { try await sockets.connect(host: "127.0.0.1", port: 1) }
        await #expect(throws: ModemSocketError.self) { try await sockets.connect(host: "bad\"host", port: 80) }

        await modem.stop()
        await client.close()
        await vm.stop()
        try await server.close()
    }

    @Test("UDP: QIOPEN \"UDP\", one datagram per QISEND, echoes read with QIRD; oversized refused")
    func udp() async throws {
        let server = try await UDPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("quectel-bg96") { client, _ in
            let sockets = QuectelSocketService(client: client)
            try await SocketEndToEnd.udpEchoes(try await sockets.connectUDP(host: "127.0.0.1", port: port), largest: Quectel.maxSendLength)
        }
        try await server.close()
    }

    @Test("three sockets at once, sends and reads interleaved, no byte crosses between them")
    func threeSockets() async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem("quectel-bg96") { client, _ in
            let sockets = QuectelSocketService(client: client)
            _ = try await SocketEndToEnd.threeAtOnce { try await sockets.connect(host: "127.0.0.1", port: port) }
        }
        try await server.close()
    }
}
