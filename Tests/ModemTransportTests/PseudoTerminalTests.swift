#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemKitTestSupport
import ModemCore
import ModemTransport
import Testing

/// The real serial path end to end: a pty master on one side, `SerialTransport` (termios
/// fallback) on the slave path on the other.
@Suite struct PseudoTerminalTests {
    @Test func slaveOpensThroughTheTermiosFallback() async throws {
        let pty = try PseudoTerminalPair()
        #expect(pty.slavePath.hasPrefix("/dev/"))
        #expect(pty.descriptionForLog == "pty:\(pty.slavePath)")
        let client = try SerialTransport(path: pty.slavePath, baud: 115_200)
        #expect(client.backend == .termios)
        #expect(client.descriptionForLog == "\(pty.slavePath)@115200")
        try await client.write("AT\r".bytes)
        #expect(try await bounded { try await readExactly(pty, 3) } == "AT\r".bytes)
        try await pty.write("\r\nOK\r\n".bytes)
        #expect(try await bounded { try await readExactly(client, 6) } == "\r\nOK\r\n".bytes)
        await client.close()
        await pty.close()
    }

    @Test func allByteValuesPassUntouchedBothWays() async throws {
        let pty = try PseudoTerminalPair()
        let client = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let all = (0...255).map { UInt8($0) }
        try await client.write(all)
        #expect(try await bounded { try await readExactly(pty, 256) } == all)
        try await pty.write(all)
        #expect(try await bounded { try await readExactly(client, 256) } == all)
        await client.close()
        await pty.close()
    }

    @Test(arguments: [64 * 1024, 256 * 1024 + 3])
    func largeWritesBothWaysConcurrently(size: Int) async throws {
        let pty = try PseudoTerminalPair()
        let client = try TermiosPort(path: pty.slavePath)
        let up = [UInt8].pattern(count: size, seed: 1)
        let down = [UInt8].pattern(count: size, seed: 2)
        try await bounded(.seconds(30)) {
            async let sentUp: Void = client.write(up)
            async let sentDown: Void = pty.write(down)
            async let receivedUp = readExactly(pty, size)
            async let receivedDown = readExactly(client, size)
            try await sentUp
            try await sentDown
            #expect(try await receivedUp == up)
            #expect(try await receivedDown == down)
        }
        await client.close()
        await pty.close()
    }

    @Test func masterReadWaitsForAClientAndOutlivesIt() async throws {
        let pty = try PseudoTerminalPair()
        // A read before any client opened the slave must wait, not fail with EIO.
        async let first = bounded { try await pty.read() }
        let client = try SerialTransport(path: pty.slavePath, baud: 9600)
        try await client.write("one".bytes)
        #expect(try await first == "one".bytes)
        await client.close()
        // The client went away; the next client is served by the same master.
        async let second = bounded { try await readExactly(pty, 3) }
        let next = try SerialTransport(path: pty.slavePath, baud: 9600)
        try await next.write("two".bytes)
        #expect(try await second == "two".bytes)
        await next.close()
        await pty.close()
    }

    @Test func closingTheClientUnblocksItsPendingRead() async throws {
        let pty = try PseudoTerminalPair()
        let client = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let reader = Task { await transportError { _ = try await client.read() } }
        await Task.yield()
        await client.close()
        #expect(try await bounded { await reader.value } == .closed)
        #expect(await transportError { try await client.write([1]) } == .closed)
        await client.close()  // idempotent
        await pty.close()
    }

    @Test func closingThePairEndsTheClient() async throws {
        let pty = try PseudoTerminalPair()
        let client = try SerialTransport(path: pty.slavePath, baud: 115_200)
        try await pty.write("bye".bytes)
        #expect(try await bounded { try await readExactly(client, 3) } == "bye".bytes)
        let reader = Task { await transportError { _ = try await client.read() } }
        await pty.close()
        #expect(try await bounded { await reader.value } == .closed)
        await client.close()
    }

    @Test func closingThePairUnblocksItsPendingRead() async throws {
        let pty = try PseudoTerminalPair()
        let reader = Task { await transportError { _ = try await pty.read() } }
        await Task.yield()
        await pty.close()
        #expect(try await bounded { await reader.value } == .closed)
    }

    @Test func symlinkPointsAtTheSlaveAndIsRemovedOnClose() async throws {
        let link = "/tmp/modemkit-test-pty-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let pty = try PseudoTerminalPair(symlinkPath: link)
        #expect(pty.symlinkPath == link)
        let client = try SerialTransport(path: link, baud: 115_200)
        #expect(client.backend == .termios)
        try await client.write("via link".bytes)
        #expect(try await bounded { try await readExactly(pty, 8) } == "via link".bytes)
        await client.close()
        await pty.close()
        var info = stat()
        #expect(lstat(link, &info) != 0)
    }

    @Test func symlinkRefusesToReplaceARegularFile() throws {
        let path = "/tmp/modemkit-test-file-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(fd >= 0)
        close(fd)
        defer { unlink(path) }
        #expect(throws: TransportError.invalidConfiguration("\(path) exists and is not a symlink")) {
            _ = try PseudoTerminalPair(symlinkPath: path)
        }
    }

    @Test func modemControlOnAPtyIsReportedNotIgnored() async throws {
        let pty = try PseudoTerminalPair()
        let client = try SerialTransport(path: pty.slavePath, baud: 115_200)
        // Opening succeeded although a pty has no DTR/RTS (initial levels are best effort)…
        // …but asking explicitly tells the truth.
        #expect(throws: TransportError.self) { try client.setDTR(false) }
        await client.close()
        await pty.close()
        #expect(throws: TransportError.closed) { try client.setRTS(true) }
    }
}
