import ATCodec
import Logging
import ModemDialects
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing

/// Layer 4: receive backpressure through the engine against a scripted Quectel BG96: reads stop
/// while the consumer leaves more than the limit untaken, and resume once it takes them.
@Suite("Socket receive backpressure")
struct SocketBackpressureTests {
    static let read = "AT+QIRD=0,1500\r"

    @Test("no AT+QIRD while 16 bytes wait over a 10-byte limit; one more once the consumer took them")
    func readsStopAndResume() async throws {
        let (hostSide, modemSide) = InMemoryTransport.pair()
        let peer = ScriptedPeer(modemSide, [
            .expect("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0\r", reply: "\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n"),
            .send("\r\n+QIURC: \"recv\",0\r\n"),
            .expect(Self.read, reply: "\r\n+QIRD: 8\r\n12345678\r\n\r\nOK\r\n"),
            .expect(Self.read, reply: "\r\n+QIRD: 8\r\nabcdefgh\r\n\r\nOK\r\n"),
        ])
        await peer.start()
        let client = ATClient(
            transport: hostSide, configuration: .init(urcs: ModemDialect.quectel.urcs), clock: ManualClock(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let sockets = QuectelSocketService(client: client)
        await sockets.setReceiveLimit(10)
        let socket = try await sockets.connect(host: "127.0.0.1", port: 7000)
        #expect(await peer.finish() == [])

        // 16 bytes wait, over the limit: the next writes are the test's own, not a third read.
        await peer.append([.expect("AT\r", reply: "\r\nOK\r\n"), .expect("AT\r", reply: "\r\nOK\r\n")])
        try await bounded(.seconds(5)) {
            try await client.send(AT.Execute())
            try await client.send(AT.Execute())
        }
        #expect(await peer.finish() == [])

        // Taking them makes room: one read, which finds the buffer empty.
        await peer.append([.expect(Self.read, reply: "\r\n+QIRD: 0\r\n\r\nOK\r\n")])
        #expect(try await SocketBackpressureTests.take(16, from: socket) == Array("12345678abcdefgh".utf8))
        #expect(await peer.finish() == [])

        await peer.append([.expect("AT+QICLOSE=0,10\r", reply: "\r\nOK\r\n")])
        await socket.close()
        #expect(await peer.finish() == [])
        await client.close()
    }

    static func take(_ count: Int, from socket: ModemSocket) async throws -> [UInt8] {
        try await bounded {
            var bytes: [UInt8] = []
            for await chunk in socket.received {
                bytes += chunk
                if bytes.count >= count { break }
            }
            return bytes
        }
    }
}
