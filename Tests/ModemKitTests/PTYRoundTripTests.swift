import ATCodec
import Logging
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing

/// Layer 5: the engine over the real serial (termios) path on a pseudo-terminal, against a
/// scripted modem on the pty's master side. Every wait is bounded by a command timeout.
@Suite("ATClient through a real pseudo-terminal")
struct PTYRoundTripTests {
    @Test("typed commands, URCs, a prompt and an error round-trip through the pty")
    func roundTrip() async throws {
        let pty = try PseudoTerminalPair()
        let peer = ScriptedPeer(pty, [
            .expect("ATE0\r", reply: "ATE0\r\r\nOK\r\n"),
            .expect("AT+CGSN\r", reply: "\r\n490154203237518\r\n\r\nOK\r\n", chunking: .byteByByte),
            .expect("AT+CSQ\r", reply: "\r\n+CREG: 5\r\n\r\n+CSQ: 21,99\r\n\r\nOK\r\n", chunking: .sizes([3, 1, 7])),
            .expect("AT+CEREG?\r", reply: "\r\n+CEREG: 2\r\n+CEREG: 2,5,\"1A2B\",\"01A2D001\",7\r\n\r\nOK\r\n"),
            .expect("AT+CMGS=23\r", reply: "\r\n> "),
            .expect("0011000B916407281553F80000AA0AE8329BFD4697D9EC37\u{1A}", reply: "\r\n+CMGS: 7\r\n\r\nOK\r\n"),
            .expect("AT+CPIN?\r", reply: "\r\n+CME ERROR: SIM not inserted\r\n"),
        ])
        await peer.start()
        let serial = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let client = ATClient(transport: serial, logger: Logger(label: "pty", factory: { _ in SwiftLogNoOpLogHandler() }))
        let registration = client.urcs(named: ["+CREG", "+CEREG"])

        _ = try await client.send(Echo.Set(on: false))
        let imei = try await client.send(CGSN.Execute())
        #expect(imei.digits == "490154203237518")
        let signal = try await client.send(CSQ.Execute())
        #expect(signal.rssiDBm == -71)
        let lte = try await client.send(CEREG.Read())
        #expect(lte.status == .roaming)
        #expect(try await client.send(SendPDU(length: 23, pdu: "0011000B916407281553F80000AA0AE8329BFD4697D9EC37")) == 7)
        await #expect(throws: ATClientError.self) { try await client.send(CPIN.Read()) }

        var iterator = registration.makeAsyncIterator()
        #expect(await iterator.next()?.line == "+CREG: 5")
        #expect(await iterator.next()?.line == "+CEREG: 2", "the URC inside the read response is still a URC")
        #expect(await peer.finish() == [])
        await client.close()
        await pty.close()
    }
}
