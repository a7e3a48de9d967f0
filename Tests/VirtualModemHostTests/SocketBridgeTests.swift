import NIOCore
import NIOPosix
import Testing
import VirtualModem
import VirtualModemHost

/// A UDP echo server on 127.0.0.1 (the TCP one is in Support/LoopbackEcho.swift).
/// Events from a bridge, read one at a time with a time bound (no sleeping and checking).
private struct EventReader {
    enum Item: Sendable {
        case event(SocketEvent)
        case timeout(Int)
    }

    let continuation: AsyncStream<Item>.Continuation
    var iterator: AsyncStream<Item>.AsyncIterator
    var waits = 0

    init() {
        let (stream, continuation) = AsyncStream<Item>.makeStream()
        self.continuation = continuation
        self.iterator = stream.makeAsyncIterator()
    }

    var sink: @Sendable (SocketEvent) -> Void {
        let continuation = continuation
        return { continuation.yield(.event($0)) }
    }

    /// The next event, or `nil` if none comes within `limit`.
    mutating func next(within limit: Duration = .seconds(10)) async -> SocketEvent? {
        waits += 1
        let wait = waits
        let continuation = continuation
        let timer = Task {
            do {
                try await Task.sleep(for: limit)
                continuation.yield(.timeout(wait))
            } catch {}
        }
        defer { timer.cancel() }
        while let item = await iterator.next() {
            switch item {
            case .event(let event): return event
            case .timeout(let expired) where expired == wait: return nil
            case .timeout: continue
            }
        }
        return nil
    }

    /// Bytes received on `id` until `count` have come (TCP may split them).
    mutating func received(_ id: Int, count: Int) async -> (bytes: [UInt8], host: String, port: Int)? {
        var bytes: [UInt8] = []
        var from = ("", 0)
        while bytes.count < count {
            guard case .received(id, let chunk, let host, let port)? = await next() else { return nil }
            bytes += chunk
            from = (host, port)
        }
        return (bytes, from.0, from.1)
    }
}

@Suite("SocketBridge against real loopback servers")
struct SocketBridgeTests {
    let group = MultiThreadedEventLoopGroup.singleton

    func tcpServer() async throws -> any Channel {
        try await TCPEcho.start(group: group)
    }

    func udpServer() async throws -> any Channel {
        try await UDPEcho.start(group: group)
    }

    @Test("TCP: open, echo, remote close, refused port, non-loopback refused")
    func tcp() async throws {
        let server = try await tcpServer()
        let port = try #require(server.localAddress?.port)
        var reader = EventReader()
        let bridge = SocketBridge(group: group, onEvent: reader.sink)

        bridge.perform(.open(id: 1, kind: .tcp, host: "127.0.0.1", port: port))
        bridge.perform(.send(id: 1, bytes: Array("early".utf8)))  // before it is open: queued
        #expect(await reader.next() == .opened(id: 1))
        let echoed = await reader.received(1, count: 5)
        #expect(echoed?.bytes == Array("early".utf8))
        #expect(echoed?.host == "127.0.0.1" && echoed?.port == port)
        bridge.perform(.send(id: 1, bytes: [0, 13, 10, 255]))
        #expect(await reader.received(1, count: 4)?.bytes == [0, 13, 10, 255])
        bridge.perform(.send(id: 1, bytes: Array("close".utf8)))
        #expect(await reader.next() == .closed(id: 1))

        bridge.perform(.open(id: 2, kind: .tcp, host: "192.0.2.1", port: port))
        guard case .failed(id: 2, _)? = await reader.next() else { Issue.record("non-loopback open did not fail"); return }
        bridge.perform(.open(id: 3, kind: .tcp, host: "localhost", port: port))  // names are the modem's business
        guard case .failed(id: 3, _)? = await reader.next() else { Issue.record("a host name was not refused"); return }

        // A port nobody listens on: close the server first, then connect to its port.
        try await server.close()
        bridge.perform(.open(id: 4, kind: .tcp, host: "127.0.0.1", port: port))
        guard case .failed(id: 4, _)? = await reader.next() else { Issue.record("refused connect did not fail"); return }

        // A socket the modem closes reports nothing more.
        let second = try await tcpServer()
        let secondPort = try #require(second.localAddress?.port)
        bridge.perform(.open(id: 5, kind: .tcp, host: "127.0.0.1", port: secondPort))
        #expect(await reader.next() == .opened(id: 5))
        bridge.perform(.close(id: 5))
        bridge.perform(.open(id: 6, kind: .tcp, host: "::2", port: secondPort))
        guard case .failed(id: 6, _)? = await reader.next() else { Issue.record("::2 was not refused"); return }
        await bridge.shutdown()
        try await second.close()
    }

    @Test("UDP: fixed peer and per-datagram peers, sender reported, non-loopback datagrams dropped")
    func udp() async throws {
        let server = try await udpServer()
        let port = try #require(server.localAddress?.port)
        var reader = EventReader()
        let bridge = SocketBridge(group: group, onEvent: reader.sink)

        bridge.perform(.open(id: 1, kind: .udp, host: "127.0.0.1", port: port))
        bridge.perform(.send(id: 1, bytes: Array("ping".utf8)))
        #expect(await reader.next() == .opened(id: 1))
        #expect(await reader.next() == .received(id: 1, bytes: Array("ping".utf8), host: "127.0.0.1", port: port))

        bridge.perform(.open(id: 2, kind: .udp, host: "127.0.0.1", port: 0))
        #expect(await reader.next() == .opened(id: 2))
        bridge.perform(.sendTo(id: 2, bytes: Array("lost".utf8), host: "198.51.100.1", port: port))
        bridge.perform(.sendTo(id: 2, bytes: Array("pong".utf8), host: "127.0.0.1", port: port))
        #expect(await reader.next() == .received(id: 2, bytes: Array("pong".utf8), host: "127.0.0.1", port: port))

        await bridge.shutdown()
        try await server.close()
    }

    @Test("a Quectel virtual modem talks to a real echo server through the bridge")
    func modemThroughBridge() async throws {
        let server = try await tcpServer()
        let port = try #require(server.localAddress?.port)
        var reader = EventReader()
        let bridge = SocketBridge(group: group, onEvent: reader.sink)
        var modem = VirtualModem(configuration: VirtualModemConfiguration(profile: .quectelBG96))
        var now = Duration.seconds(30)
        var printed = ""
        func run(_ actions: [VirtualModem.Action]) {
            for action in actions {
                switch action {
                case .write(let bytes): printed += String(decoding: bytes, as: UTF8.self)
                case .socket(let request): bridge.perform(request)
                }
            }
        }
        run(modem.advance(to: now))
        run(modem.receive(Array("ATE0\r".utf8), at: now))
        printed = ""
        run(modem.receive(Array("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",\(port),0,1\r".utf8), at: now))
        let opened = try #require(await reader.next())
        run(modem.handle(opened, at: now))
        #expect(printed == "\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n")
        printed = ""
        run(modem.receive(Array("AT+QISEND=0,5\r".utf8), at: now))
        run(modem.receive(Array("hello".utf8), at: now))
        now += .milliseconds(10)
        var echoed = 0
        while echoed < 5, let event = await reader.next() {
            if case .received(_, let bytes, _, _) = event { echoed += bytes.count }
            run(modem.handle(event, at: now))
        }
        // However TCP splits the echo, the URC headers around it frame exactly "hello".
        let headers = try Regex(#"\r\n\+QIURC: "recv",0,\d+\r\n"#)
        #expect(printed.hasPrefix("\r\n> \r\nSEND OK\r\n\r\n+QIURC: \"recv\",0,"))
        #expect(printed.replacing(headers, with: "") == "\r\n> \r\nSEND OK\r\nhello")
        await bridge.shutdown()
        try await server.close()
    }
}
