import ATCodec
import Logging
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing

/// Layer 4 on `ContinuousClock`, the client's default, where its timers share one sleeping
/// task (``CoalescedTimers``): a short timeout after long ones still fires at its own
/// deadline. Every wait is an awaited outcome, bounded; nothing sleeps.
@Suite("ATClient timers on the wall clock")
struct ATClientWallClockTests {
    @Test("a 200 ms timeout after answered 180 s ones fails on time, and the engine resyncs")
    func shortTimeoutAfterLongOnes() async throws {
        let (hostSide, modemSide) = InMemoryTransport.pair()
        var steps: [ScriptedPeer.Step] = (0..<20).map { _ in
            .expect("AT+COPS=?\r", reply: "\r\n+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7)\r\n\r\nOK\r\n")
        }
        steps += [
            .swallow("AT+CSQ\r"),
            .expect("ATS3?\r", reply: "\r\n013\r\n\r\nOK\r\n"),
            .expect("AT+CSQ\r", reply: "\r\n+CSQ: 17,99\r\n\r\nOK\r\n"),
        ]
        let peer = ScriptedPeer(modemSide, steps)
        await peer.start()
        let client = ATClient(transport: hostSide, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await bounded(.seconds(30)) {
            for _ in 0..<20 { _ = try await client.send(SlowScan()) }
            let start = ContinuousClock.now
            await #expect(throws: ATClientError.timedOut(command: "AT+CSQ", after: .milliseconds(200))) {
                try await client.send(SignalQuery(), timeout: .milliseconds(200))
            }
            #expect(ContinuousClock.now - start >= .milliseconds(200), "not before its deadline")
            #expect(try await client.send(SignalQuery()) == 17)
        }
        #expect(await peer.finish() == [])
        await client.close()
    }

    @Test("50 commands sent from a task that prefers the port's poll thread are all answered (TransportExecutorTests check which thread runs it)")
    func commandsOnThePollThread() async throws {
        let pty = try PseudoTerminalPair()
        let peer = ScriptedPeer(pty, (0..<50).map { _ in .expect("AT\r", reply: "\r\nOK\r\n") })
        await peer.start()
        let port = try SerialTransport(path: pty.slavePath, baud: 115_200)
        let client = ATClient(transport: port, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(client.taskExecutor != nil)
        let command = try ATRawCommand("AT")
        try await bounded {
            try await withTaskExecutorPreference(client.taskExecutor) { () async throws -> Void in
                for _ in 0..<50 {
                    let response = try await client.send(command)
                    #expect(response.final == .ok)
                }
            }
        }
        #expect(await peer.finish() == [])
        await client.close()
        await pty.close()
    }
}
