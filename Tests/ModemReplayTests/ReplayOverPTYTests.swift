import ATCodec
import ModemKit
import ModemKitTestSupport
import ModemReplay
import ModemTransport
import Testing

/// What `modemkit replay serve --pty` does: a ReplayPlayer on a pseudo-terminal, opened by
/// ATClient through the real serial transport.
@Suite struct ReplayOverPTYTests {
    @Test func fieldLogServedOnAPseudoTerminal() async throws {
        let text = try String(
            contentsOf: TraceFixtures.directory.appendingPathComponent("field/registration-lost-3am.trace"), encoding: .utf8)
        let script = ReplayScript.parse(text).script
        let pair = try PseudoTerminalPair()
        let player = ReplayPlayer(script: script, options: .init(matching: .tolerant, timing: .immediate), stopWhenFinished: true)
        let serving = Task { await player.run(on: pair) }
        let port = try SerialTransport(path: pair.slavePath, baud: 115_200)
        let client = ATClient(transport: port)

        try await bounded(.seconds(20)) {
            let registration = try await client.send(CEREG.Read())
            #expect(registration.status == .home)
            let signal = try await client.send(CSQ.Execute())
            #expect(signal.rssi == 18)
            _ = try await client.send(CEREG.Read())
            _ = try await client.send(CSQ.Execute())
            await #expect(throws: ATClientError.self) { try await client.send(COPS.Set(mode: .automatic)) }
            let report = await serving.value
            #expect(report.succeeded, "\(report)")
        }
        await client.close()
        await pair.close()
    }
}
