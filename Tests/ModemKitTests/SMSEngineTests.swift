import ATCodec
import Logging
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing

/// Layer 4: the TS 27.005 commands through the engine against a scripted peer: the `> ` prompt
/// and Ctrl-Z payload, PDU lines without a prefix, and a `+CMT` URC inside a `+CMGL` response.
@Suite("SMS commands through ATClient")
struct SMSEngineTests {
    static let pdu = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"

    static func client(_ steps: [ScriptedPeer.Step]) async -> (ATClient, ScriptedPeer) {
        let (hostSide, modemSide) = InMemoryTransport.pair()
        let peer = ScriptedPeer(modemSide, steps)
        await peer.start()
        let client = ATClient(transport: hostSide, clock: ManualClock(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return (client, peer)
    }

    @Test(arguments: [ScriptedPeer.Chunking.whole, .byteByByte])
    func cmgsWaitsForThePromptThenWritesThePDUAndCtrlZ(chunking: ScriptedPeer.Chunking) async throws {
        let hex = "0011000B911326880736F40000AA05C8329BFD06"
        let (client, peer) = await Self.client([
            .expect("AT+CMGS=19\r", reply: "AT+CMGS=19\r\r\n> ", chunking: chunking),           // BG96 with echo
            .expect(hex + "\u{1A}", reply: hex + "\u{1A}\r\n+CMGS: 42\r\n\r\nOK\r\n", chunking: chunking),
        ])
        #expect(try await client.send(CMGS.PDU(hex: hex, tpduLength: 19)) == 42)
        #expect(await peer.finish() == [])
        await client.close()
    }

    @Test func aCMTInsideACMGLResponseGoesToItsSubscriber() async throws {
        let (client, peer) = await Self.client([
            .expect("AT+CMGL=4\r", reply: "\r\n+CMGL: 1,1,,30\r\n\(Self.pdu)\r\n+CMT: ,30\r\n\(Self.pdu)\r\n+CMGL: 2,0,,30\r\n\(Self.pdu)\r\n\r\nOK\r\n"),
        ])
        let urcs = client.urcs(named: ["+CMT"])
        let list = try await client.send(CMGL.Execute())
        #expect(list.map(\.index) == [1, 2] && list.allSatisfy { $0.pdu == Self.pdu })
        var iterator = urcs.makeAsyncIterator()
        let cmt = await iterator.next()
        #expect(cmt?.line == "+CMT: ,30" && cmt?.followingLines == [Self.pdu])
        #expect(await peer.finish() == [])
        await client.close()
    }

    @Test func cmgrOfAnEmptySlotAndAnError() async throws {
        let (client, peer) = await Self.client([
            .expect("AT+CMGR=7\r", reply: "\r\nOK\r\n"),
            .expect("AT+CMGR=99\r", reply: "\r\n+CMS ERROR: 321\r\n"),
        ])
        #expect(try await client.send(CMGR.Execute(index: 7)) == nil)
        do {
            _ = try await client.send(CMGR.Execute(index: 99))
            Issue.record("+CMS ERROR: 321 was taken for success")
        } catch let error as ATClientError {
            #expect(error.cmsError != nil)
        }
        #expect(await peer.finish() == [])
        await client.close()
    }

    /// A modem that misses the first command's deadline (busy, or a loaded host): the client
    /// resynchronises and ``SMSService/start()`` asks once more; a second miss is reported.
    @Test func startAsksOnceMoreAfterAFirstTimeout() async throws {
        let (hostSide, modemSide) = InMemoryTransport.pair()
        let peer = ScriptedPeer(modemSide, [
            .swallow("AT+CMGF=0\r"),
            .expect("ATS3?\r", reply: "\r\n013\r\n\r\nOK\r\n"),
            .expect("AT+CMGF=0\r", reply: "\r\nOK\r\n"),
            .expect("AT+CSCS=\"IRA\"\r", reply: "\r\nOK\r\n"),
            .expect("AT+CNMI=2,1,0,1,0\r", reply: "\r\nOK\r\n"),
            .expect("AT+CPMS?\r", reply: "\r\n+CPMS: \"SM\",0,30,\"SM\",0,30,\"SM\",0,30\r\n\r\nOK\r\n"),
        ])
        await peer.start()
        let clock = ManualClock()
        let client = ATClient(transport: hostSide, clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let service = SMSService(client: client, clock: clock)
        let start = Task { try await service.start() }
        await clock.waitForSleepers(1)
        clock.advance(by: CMGF.Set.timeout)
        let usage = try await bounded { try await start.value }
        #expect(usage.first?.total == 30)
        #expect(await peer.finish() == [])
        await client.close()
    }
}
