import ModemKitTestSupport
import ModemCore
import ModemTransport
import Testing

@Suite struct InMemoryTransportTests {
    @Test func bytesArriveInOrder() async throws {
        let (a, b) = InMemoryTransport.pair()
        for index in 0..<100 { try await a.write("chunk \(index);".bytes) }
        let expected = (0..<100).map { "chunk \($0);" }.joined().bytes
        let received = try await bounded { try await readExactly(b, expected.count) }
        #expect(received == expected)
        #expect(a.descriptionForLog == "memory:a")
        #expect(b.descriptionForLog == "memory:b")
    }

    @Test func bothDirectionsAreIndependent() async throws {
        let (a, b) = InMemoryTransport.pair(label: "test")
        try await a.write("AT\r".bytes)
        try await b.write("\r\nOK\r\n".bytes)
        #expect(try await bounded { try await b.read() } == "AT\r".bytes)
        #expect(try await bounded { try await a.read() } == "\r\nOK\r\n".bytes)
    }

    @Test func pendingReadIsWokenByAWrite() async throws {
        let (a, b) = InMemoryTransport.pair()
        async let received = bounded { try await b.read() }
        try await a.write([1, 2, 3])
        #expect(try await received == [1, 2, 3])
    }

    @Test func closeDrainsThenReportsClosed() async throws {
        let (a, b) = InMemoryTransport.pair()
        try await a.write("last words".bytes)
        await a.close()
        #expect(try await bounded { try await b.read() } == "last words".bytes)
        #expect(await transportError { _ = try await b.read() } == .closed)
        #expect(await transportError { _ = try await b.read() } == .closed)
        #expect(await transportError { try await b.write([1]) } == .closed)
        #expect(await transportError { _ = try await a.read() } == .closed)
        #expect(await transportError { try await a.write([1]) } == .closed)
        await a.close()  // idempotent
        await b.close()
    }

    @Test func closeWakesPendingReadsOnBothEnds() async throws {
        let (a, b) = InMemoryTransport.pair()
        async let ownRead = bounded { await transportError { _ = try await a.read() } }
        async let peerRead = bounded { await transportError { _ = try await b.read() } }
        await Task.yield()
        await a.close()
        #expect(try await ownRead == .closed)
        #expect(try await peerRead == .closed)
    }

    @Test func cancellingAReadLeavesThePairUsable() async throws {
        let (a, b) = InMemoryTransport.pair()
        let reader = Task { await transportError { _ = try await b.read() } }
        reader.cancel()
        let error = try await bounded { await reader.value }
        guard case .system(_, let code, _) = error else {
            Issue.record("expected ECANCELED, got \(String(describing: error))")
            return
        }
        #expect(code != 0)
        try await a.write([42])
        #expect(try await bounded { try await b.read() } == [42])
    }

    @Test func concurrentWritersKeepTheirOwnOrder() async throws {
        let (a, b) = InMemoryTransport.pair()
        let writers = 8
        let chunksPerWriter = 500
        let total = writers * chunksPerWriter * 2
        async let received = bounded { try await readExactly(b, total) }
        await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for sequence in 0..<chunksPerWriter {
                        try await a.write([UInt8(writer), UInt8(sequence % 256)])
                    }
                }
            }
        }
        let bytes = try await received
        var next = [Int](repeating: 0, count: writers)
        for pairIndex in stride(from: 0, to: bytes.count, by: 2) {
            let writer = Int(bytes[pairIndex])
            #expect(bytes[pairIndex + 1] == UInt8(next[writer] % 256))
            next[writer] += 1
        }
        #expect(next == [Int](repeating: chunksPerWriter, count: writers))
    }

    @Test func pingPongUnderLoad() async throws {
        let (host, modem) = InMemoryTransport.pair()
        let rounds = 2000
        try await bounded {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<rounds {
                        let command = try await readUntil(modem, suffix: "\r".bytes)
                        try await modem.write(command + "OK\r\n".bytes)
                    }
                }
                for round in 0..<rounds {
                    try await host.write("AT+N=\(round)\r".bytes)
                    let reply = try await readUntil(host, suffix: "OK\r\n".bytes)
                    #expect(reply == "AT+N=\(round)\rOK\r\n".bytes)
                }
                try await group.waitForAll()
            }
        }
    }
}
