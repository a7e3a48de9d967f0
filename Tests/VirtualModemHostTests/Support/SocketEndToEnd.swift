import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// What the socket end-to-end suites share: a virtual modem of a profile on a pty with real
/// loopback sockets, data brought up by ``Modem``, and a bounded read of a socket's stream.
enum SocketEndToEnd {
    typealias E2E = ModemLifecycleEndToEndTests

    /// - Parameter hosts: names the modem's DNS resolves (`network.hosts`).
    static func connected(_ profileName: String, hosts: [String: String] = [:]) async throws -> (VirtualModemOnPTY, ATClient, Modem) {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let configuration = VirtualModemConfiguration(profile: profile, network: NetworkConfiguration(hosts: hosts))
        let vm = try await VirtualModemOnPTY.start(configuration, sockets: SocketBridge.loopback)
        let client = ATClient(transport: try SerialTransport(path: vm.path, baud: 115_200))
        let modem = Modem(client: client, configuration: .init(lifecycle: E2E.lifecycle, probeTimeout: .milliseconds(200)))
        let status = modem.status()
        await modem.start()
        _ = try await E2E().next(status, E2E.addresses)
        return (vm, client, modem)
    }

    /// Collects `count` bytes from the stream (TCP may split or merge chunks).
    static func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await bounded {
            var bytes: [UInt8] = []
            for await chunk in socket.received {
                bytes += chunk
                if bytes.count >= count { return bytes }
            }
            return bytes
        }
    }
}

extension SocketEndToEnd {
    /// Runs `rounds` echo exchanges on every socket at once: socket `i` sends its own bytes
    /// (tagged with `i`, of a size that varies per round) and must read back exactly those, so
    /// bytes crossing between sockets, lost or duplicated fail the check.
    static func interleavedEchoes(_ sockets: [ModemSocket], rounds: Int = 4) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, socket) in sockets.enumerated() {
                group.addTask {
                    for round in 0..<rounds {
                        let size = 1 + (index * 37 + round * 211) % 600
                        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: index &* 64 &+ round &* 7 &+ $0) }
                        try await socket.send(bytes)
                        let echoed = try await read(socket, count: bytes.count)
                        #expect(echoed == bytes, "socket \(socket.id), round \(round)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

extension SocketEndToEnd {
    /// A profile's virtual modem with data up, and `body` run with its client and ``Modem``;
    /// everything is stopped afterwards, whether `body` threw or not.
    static func withModem(
        _ profileName: String, hosts: [String: String] = [:], _ body: (ATClient, Modem) async throws -> Void
    ) async throws {
        let (vm, client, modem) = try await connected(profileName, hosts: hosts)
        let result: Result<Void, any Error>
        do {
            try await body(client, modem)
            result = .success(())
        } catch {
            result = .failure(error)
        }
        await modem.stop()
        await client.close()
        await vm.stop()
        try result.get()
    }

    /// A UDP socket to ``UDPEcho``: "ping" and a binary datagram of `binaryCount` bytes (CR,
    /// LF, quotes, prompts; `largest` unless given) come back whole; a datagram over `largest`
    /// is refused before the wire; after close sending is refused.
    static func udpEchoes(_ socket: ModemSocket, largest: Int, binaryCount: Int? = nil) async throws {
        try await socket.send(Array("ping".utf8))
        #expect(try await read(socket, count: 4) == Array("ping".utf8))
        let binary = (0..<(binaryCount ?? largest)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try await socket.send(binary)
        #expect(try await read(socket, count: binary.count) == binary)
        await #expect(throws: ModemSocketError.self) { try await socket.send(Array(repeating: 1, count: largest + 1)) }
        await socket.close()
        await #expect(throws: ModemSocketError.closed(id: socket.id)) { try await socket.send([1]) }
    }

    /// Three TCP sockets to ``TCPEcho`` opened at once by `connect`, then interleaved echoes.
    static func threeAtOnce(_ connect: @escaping @Sendable () async throws -> ModemSocket) async throws -> [ModemSocket] {
        async let a = connect()
        async let b = connect()
        async let c = connect()
        let opened = try await [a, b, c]
        #expect(Set(opened.map(\.id)).count == 3)
        try await interleavedEchoes(opened)
        for socket in opened { await socket.close() }
        return opened
    }
}

extension SocketEndToEnd {
    /// Two TCP connections to ``TCPEcho`` on `port`: "hello" and `largeCount` bytes of every
    /// value (several chunks, CR, LF, prompts among them) come back whole; after close sending
    /// is refused; the server closing on "close" ends the second's stream and sending is refused.
    /// Returns the first socket's number.
    @discardableResult
    static func tcpEchoes(via sockets: any ModemSocketProvider, port: Int, largeCount: Int = 4000) async throws -> Int {
        let socket = try await sockets.connect(host: "127.0.0.1", port: port)
        try await socket.send(Array("hello".utf8))
        #expect(try await read(socket, count: 5) == Array("hello".utf8))
        let large = (0..<largeCount).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try await socket.send(large)
        #expect(try await read(socket, count: large.count) == large)
        await socket.close()
        await #expect(throws: ModemSocketError.closed(id: socket.id)) { try await socket.send([1]) }

        let second = try await sockets.connect(host: "127.0.0.1", port: port)
        try await second.send(Array("close".utf8))
        #expect(try await read(second, count: 1).isEmpty)
        await #expect(throws: ModemSocketError.closed(id: second.id)) { try await second.send([1]) }
        return socket.id
    }
}
