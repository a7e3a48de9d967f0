import Foundation
import ModemKitTestSupport
import Testing
import VirtualModemHost

/// `modemkit socket` as a process: a virtual modem of each socket dialect in the process, the
/// socket it opens reaching a real TCP or UDP echo server on loopback.
@Suite(.serialized) struct CLISocketTests {
    /// 6 000 bytes of text: several chunks of every dialect's largest send.
    static let payload = (0..<300).map { String(format: "line %04d of the payload\n", $0) }.joined()

    // --linger: how long the command waits for more after the last bytes arrived; generous, so a
    // loaded machine's slow echo is not taken for the end of it.
    @Test("tcp:// copies stdin through the modem's socket to the echo server and back to stdout",
          arguments: ["quectel-bg96", "ublox-sara-r4", "simcom-sim7600", "simcom-sim800"])
    func tcp(profile: String) async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        let result = try await ModemkitProcess.run(
            ["socket", "--sim", profile, "--apn", "internet", "--linger", "5", "--json", "tcp://127.0.0.1:\(port)"],
            input: Self.payload, timeout: 60
        )
        try? await server.close()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.payload)
        let report = try #require(result.stderr.split(separator: "\n").last)
        let totals = try JSONDecoder().decode([String: Double].self, from: Data(report.utf8))
        #expect(totals["sent"] == Double(Self.payload.utf8.count))
        #expect(totals["received"] == Double(Self.payload.utf8.count))
        #expect((totals["seconds"] ?? 0) > 0)
    }

    @Test("udp:// sends a datagram and prints the echo (on a network chosen with --operator)")
    func udp() async throws {
        let server = try await UDPEcho.start()
        let port = try #require(server.localAddress?.port)
        let result = try await ModemkitProcess.run(
            // Through a manually selected network: the lifecycle options apply to socket too.
            ["socket", "--sim", "quectel-bg96", "--operator", "00102", "--linger", "5", "udp://127.0.0.1:\(port)"], input: "ping over udp\n"
        )
        try? await server.close()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ping over udp\n")
    }

    @Test("a refused connection is reported with exit 1")
    func refused() async throws {
        // A port nothing listens on: bind one, then close it.
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await server.close()
        let result = try await ModemkitProcess.run(["socket", "--sim", "quectel-bg96", "tcp://127.0.0.1:\(port)"], input: "x")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot open tcp://127.0.0.1:\(port)"))
    }

    @Test("bad addresses are usage errors", arguments: [
        "127.0.0.1:7000", "ftp://127.0.0.1:7000", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "tcp://127.0.0.1:70000",
        "tcp://a\"b:7000", "tcp://:7000", "udp://a b:53",
    ])
    func badAddress(url: String) async throws {
        let result = try await ModemkitProcess.run(["socket", "--sim", "generic", url])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test("a PLMN that is not 5 or 6 digits is a usage error")
    func badOperator() async throws {
        let result = try await ModemkitProcess.run(["socket", "--sim", "generic", "--operator", "2620", "tcp://127.0.0.1:7000"])
        #expect(result.status == 2 && result.stderr.contains("--operator"), "\(result.stderr)")
    }
}
