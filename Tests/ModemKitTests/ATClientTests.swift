import ATCodec
import Logging
import ModemCore
import ModemDialects
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing

/// Layer 4: the engine on an in-memory pair against a scripted peer, time on a manual clock.
@Suite("ATClient on an in-memory pair")
struct ATClientTests {
    struct Rig {
        let client: ATClient
        let peer: ScriptedPeer
        let clock: ManualClock
        let modemSide: InMemoryTransport
    }

    static func rig(_ steps: [ScriptedPeer.Step], configuration: ATClient.Configuration = .init(), logger: Logger? = nil) async -> Rig {
        let (hostSide, modemSide) = InMemoryTransport.pair()
        let clock = ManualClock()
        let peer = ScriptedPeer(modemSide, steps)
        await peer.start()
        let client = ATClient(transport: hostSide, configuration: configuration, clock: clock,
                              logger: logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return Rig(client: client, peer: peer, clock: clock, modemSide: modemSide)
    }

    @Test("a typed command round trip, with the reply cut byte by byte")
    func typedRoundTrip() async throws {
        let rig = await Self.rig([.expect("AT+CSQ\r", reply: "AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n", chunking: .byteByByte)])
        #expect(await rig.client.isEchoing == nil)
        #expect(try await rig.client.send(SignalQuery()) == 21)
        #expect(await rig.client.isEchoing == true)
        #expect(await rig.peer.finish() == [])
        await rig.client.close()
    }

    @Test("URCs go to their subscribers only, never into the response")
    func urcFanOut() async throws {
        let rig = await Self.rig([
            .expect("AT+CSQ\r", reply: "\r\n+CMTI: \"SM\",3\r\n\r\n+CSQ: 9,0\r\n\r\n+CREG: 5\r\n\r\nOK\r\n"),
        ])
        let messages = rig.client.urcs(named: ["+CMTI"])
        let registration = rig.client.urcs(named: ["+CREG"])
        let all = rig.client.urcs()
        #expect(try await rig.client.send(SignalQuery()) == 9)
        var messageIterator = messages.makeAsyncIterator()
        var registrationIterator = registration.makeAsyncIterator()
        var allIterator = all.makeAsyncIterator()
        #expect(await messageIterator.next()?.line == "+CMTI: \"SM\",3")
        #expect(await registrationIterator.next()?.line == "+CREG: 5")
        #expect(await allIterator.next()?.name == "+CMTI")
        #expect(await allIterator.next()?.name == "+CREG")
        await rig.client.close()
        #expect(await messageIterator.next() == nil, "the stream ends when the client closes")
    }

    @Test("a modem error reaches the caller as a typed failure")
    func cmeError() async {
        let rig = await Self.rig([.expect("AT+CSQ\r", reply: "\r\n+CME ERROR: 10\r\n")])
        await #expect {
            try await rig.client.send(SignalQuery())
        } throws: { error in
            (error as? ATClientError)?.cmeError == .simNotInserted
        }
        await rig.client.close()
    }

    @Test("a timeout fails that command alone; the engine resyncs and the next command works")
    func timeoutThenResync() async throws {
        let rig = await Self.rig([
            .swallow("AT+COPS=?\r"),
            // The resync probe, answered with S3's value: only then does the next command go.
            .expect("ATS3?\r", reply: "\r\n013\r\n\r\nOK\r\n"),
            .expect("AT+CSQ\r", reply: "\r\n+CSQ: 17,99\r\n\r\nOK\r\n"),
        ])
        let scan = Task { try await rig.client.send(SlowScan()) }
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: .seconds(179))
        #expect(rig.clock.sleeperCount == 1, "not yet")
        rig.clock.advance(by: .seconds(1))
        await #expect(throws: ATClientError.timedOut(command: "AT+COPS=?", after: .seconds(180))) { try await scan.value }
        #expect(try await bounded { try await rig.client.send(SignalQuery()) } == 17)
        #expect(await rig.peer.finish() == [])
        await rig.client.close()
    }

    @Test("cancelling the caller's task fails that command; its late answer is not taken for the next")
    func cancellation() async throws {
        let rig = await Self.rig([.swallow("AT+COPS=?\r")])
        let events = rig.client.events()
        let scan = Task { try await rig.client.send(SlowScan()) }
        await rig.clock.waitForSleepers(1)
        scan.cancel()
        await #expect(throws: ATClientError.cancelled(command: "AT+COPS=?")) { try await scan.value }
        // The next command is queued behind the cancelled one until its answer arrives.
        await rig.peer.append([
            .send("\r\n+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7),,(0-4),(0-2)\r\n\r\nOK\r\n"),
            .expect("AT+CSQ\r", reply: "\r\n+CSQ: 30,99\r\n\r\nOK\r\n"),
        ])
        #expect(try await rig.client.send(SignalQuery()) == 30)
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .discardedAfterCancel("+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7),,(0-4),(0-2)"))
        await rig.client.close()
    }

    @Test("the prompt flow writes the payload after '> ' and returns the reference")
    func prompt() async throws {
        let pdu = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"
        let rig = await Self.rig([
            .expect("AT+CMGS=23\r", reply: "\r\n> "),
            .expect(pdu + "\u{1A}", reply: "\r\n+CMGS: 42\r\n\r\nOK\r\n"),
        ])
        #expect(try await rig.client.send(SendPDU(length: 23, pdu: pdu)) == 42)
        #expect(await rig.peer.finish() == [])
        await rig.client.close()
    }

    @Test("a deferred result: OK now, the outcome as a URC later (Quectel +QIOPEN)")
    func deferred() async throws {
        let rig = await Self.rig([
            .expect("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",8080,0,1\r", reply: "\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n"),
        ], configuration: .init(urcs: ModemDialect.quectel.urcs))
        let (_, urc) = try await rig.client.send(OpenSocket(), thenAwait: "+QIOPEN", matching: { $0.line.hasPrefix("+QIOPEN: 0,") }, timeout: .seconds(150))
        #expect(urc.line == "+QIOPEN: 0,0")
        await rig.client.close()
    }

    @Test("a deferred result that never comes times out on the clock")
    func deferredTimeout() async throws {
        let rig = await Self.rig([
            .expect("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",8080,0,1\r", reply: "\r\nOK\r\n"),
        ], configuration: .init(urcs: ModemDialect.quectel.urcs))
        let opened = Task { try await rig.client.send(OpenSocket(), thenAwait: "+QIOPEN", timeout: .seconds(150)) }
        await rig.peer.finish().forEach { Issue.record("\($0)") }
        await rig.clock.waitForSleepers(1)
        rig.clock.advance(by: .seconds(150))
        await #expect(throws: ATClientError.deferredResultTimedOut(command: "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",8080,0,1", awaiting: "+QIOPEN")) {
            _ = try await opened.value
        }
        await rig.client.close()
    }

    @Test("a reboot during a command fails it and is reported as an event")
    func reboot() async throws {
        let rig = await Self.rig([.expect("AT+CSQ\r", reply: "\r\nRDY\r\n")])
        let events = rig.client.events()
        await #expect(throws: ATClientError.modemRebooted(command: "AT+CSQ")) { try await rig.client.send(SignalQuery()) }
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .rebootDetected)
        await rig.client.close()
    }

    @Test("losing the transport fails everything pending, and later sends fail at once")
    func transportLoss() async throws {
        let rig = await Self.rig([.swallow("AT+COPS=?\r")])
        let scan = Task { try await rig.client.send(SlowScan()) }
        await rig.peer.finish().forEach { Issue.record("\($0)") }
        await rig.modemSide.close()
        await #expect(throws: ATClientError.transportClosed(command: "AT+COPS=?")) { try await scan.value }
        await #expect(throws: ATClientError.transportClosed(command: "AT")) { try await rig.client.send(Ping()) }
    }

    @Test("PINs never reach the log; every chunk is logged at trace, escaped")
    func redactedLogging() async throws {
        let sink = LogSink()
        var logger = Logger(label: "test", factory: { _ in sink })
        logger.logLevel = .trace
        let rig = await Self.rig([.expect("AT+CPIN=\"4321\"\r", reply: "AT+CPIN=\"4321\"\r\r\nOK\r\n")], logger: logger)
        _ = try await rig.client.send(EnterPIN("4321"))
        await rig.client.close()
        let lines = sink.lines
        #expect(lines.contains { $0.contains("tx") && $0.contains("AT+CPIN=\\\"***\\\"\\r") || $0.contains("AT+CPIN=\"***\"\\r") })
        #expect(!lines.contains { $0.contains("4321") }, "\(lines)")
    }

    @Test("a slow subscriber loses its oldest URCs, and the losses are counted")
    func subscriberOverflow() async throws {
        let rig = await Self.rig([
            .expect("AT+CSQ\r", reply: "\r\n+CMTI: \"SM\",1\r\n\r\n+CMTI: \"SM\",2\r\n\r\n+CMTI: \"SM\",3\r\n\r\n+CSQ: 1,0\r\n\r\nOK\r\n"),
        ], configuration: .init(subscriberBuffer: 2))
        let slow = rig.client.urcs()
        _ = try await rig.client.send(SignalQuery())
        #expect(rig.client.droppedCount == 1)
        var iterator = slow.makeAsyncIterator()
        #expect(await iterator.next()?.line == "+CMTI: \"SM\",2")
        #expect(await iterator.next()?.line == "+CMTI: \"SM\",3")
        await rig.client.close()
    }

    @Test("an injected value is refused before anything is written")
    func injection() async {
        #expect(throws: ATEncodingError.self) { try EnterPIN("12\r34") }
        #expect(throws: ATEncodingError.self) { try ATRawCommand("AT+CMGS=\"1\"\u{1A}") }
    }
}
