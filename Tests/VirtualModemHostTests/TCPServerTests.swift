import ModemKitTestSupport
import ATCodec
import ModemKit
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// The virtual modem on a TCP port: ModemKit connects as to a serial-to-TCP adapter, the modem
/// keeps its state when a client goes and the next one comes.
@Suite("Virtual modem on a TCP port")
struct TCPServerTests {
    @Test func stateOutlivesAConnection() async throws {
        var profile = VirtualModemOnPTY.fast(.simcomSIM800)
        profile.bootURCs = []
        profile.simReadyURCs = []
        let server = try await VirtualModemTCPServer.start(
            runnerFor: { VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile)), transport: $0) },
            port: 0
        )
        let first = ATClient(transport: try await TCPTransport(host: "127.0.0.1", port: UInt16(server.port)))
        try await bounded {  // until it has booted
            while (try? await first.send(AT.Execute(), timeout: .milliseconds(100))) == nil {}
        }
        try await first.send(Echo.Set(on: false))
        _ = try await first.send(ATRawCommand("AT+CMEE=2"))
        #expect(try await first.send(CGMM.Execute()) == "SIMCOM_SIM800L")
        await first.close()

        let second = ATClient(transport: try await TCPTransport(host: "127.0.0.1", port: UInt16(server.port)))
        // Echo is still off and +CMEE=2 still on: the same modem.
        #expect(await second.isEchoing == nil)
        await #expect {
            try await second.send(ATRawCommand("AT+NOPE"))
        } throws: { error in
            (error as? ATClientError)?.cmeError == .operationNotSupported
        }
        #expect(await second.isEchoing == false)
        await second.close()
        await server.stop()
    }
}
