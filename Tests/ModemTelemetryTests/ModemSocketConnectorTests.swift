import ATCodec
import ModemCore
import ModemDialects
import ModemKit
import ModemKitTestSupport
import ModemTelemetry
import ModemTransport
import NIOCore
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: a ``TelemetryConnection`` made by ``ModemSocketConnector`` through the virtual modem
/// of every socket dialect, on a pty, to a real TCP echo server on 127.0.0.1.
@Suite("ModemSocketConnector through the virtual modem of each socket dialect")
struct ModemSocketConnectorTests {
    static let lifecycle = ModemLifecycleStateMachine.Configuration(
        registrationPollInterval: .milliseconds(200), dataSession: try! DataSessionSettings(apn: "internet"),
        supervisionInterval: .seconds(1)
    )

    @Test("TCP echo through the modem's socket", arguments: ["simcom-sim800", "simcom-sim7600", "quectel-bg96", "ublox-sara-r4"])
    func echo(profileName: String) async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        var profile = try #require(VirtualModemProfile.named(profileName))
        profile.timing = VirtualModemProfile.Timing(bootTime: .milliseconds(20), registrationDelay: .milliseconds(100), activationTime: .milliseconds(20))
        let pty = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: VirtualModemConfiguration(profile: profile)), transport: pty, sockets: SocketBridge.loopback)
        await runner.start()
        let client = ATClient(transport: try SerialTransport(path: pty.slavePath, baud: 115_200))
        // A probe timeout with room for a loaded machine (the whole suite runs in parallel on two
        // cores): a probe that times out only because its answer is late costs a resync.
        let modem = Modem(client: client, configuration: .init(lifecycle: Self.lifecycle, probeTimeout: .seconds(1)))
        let status = modem.status()
        await modem.start()
        let seen = EventLog()
        do {
            try await bounded(.seconds(60)) {
                for await event in status {
                    await seen.append(event)
                    if case .addressesAssigned = event { return }
                }
            }
        } catch {
            // Say where bring-up stopped: the states and events the modem went through.
            let heard = String(decoding: await runner.recentInput.suffix(400), as: UTF8.self)
            Issue.record("""
                no data session within 60 s: \(await seen.events.map { "\($0)" }.joined(separator: "\n"))
                the modem's status: \(await runner.snapshot.status)
                the last commands it heard: \(heard.debugDescription)
                """)
            throw error
        }

        let provider = try await ModemSockets.service(for: modem, session: Self.lifecycle.dataSession)
        let connection = try await ModemSocketConnector(provider).connect(host: "127.0.0.1", port: port, transport: .tcp)
        let message = Array("{\"t\":21.5}\r\n".utf8)
        try await connection.send(message)
        let echoed = try await bounded {
            var bytes: [UInt8] = []
            for await chunk in connection.received {
                bytes += chunk
                if bytes.count >= message.count { break }
            }
            return bytes
        }
        #expect(echoed == message)
        await connection.close()
        await #expect(throws: TelemetryConnectionError.closed) { try await connection.send([1]) }

        await modem.stop()
        await client.close()
        await runner.stop()
        try await server.close()
    }

    @Test("the generic dialect has no sockets: a typed error, nothing written")
    func generic() async throws {
        let (near, _) = InMemoryTransport.pair()
        let client = ATClient(transport: near)
        #expect(throws: ModemSocketError.unsupported(dialect: "generic")) { try ModemSockets.service(for: .generic, client: client) }
        for dialect in [ModemDialect.quectel, .ublox, .simcomSIM7600, .simcomSIM800] {
            #expect(throws: Never.self) { try ModemSockets.service(for: dialect, client: client) }
        }
        await client.close()
    }
}

/// Status events as a test saw them, for its failure message.
actor EventLog {
    private(set) var events: [ModemStatusEvent] = []
    func append(_ event: ModemStatusEvent) { events.append(event) }
}
