import ModemCore
import ModemKit
import ModemKitTestSupport
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: connecting by host name, the modem's DNS resolving it (`network.hosts` of the
/// virtual modem): Quectel `AT+QIOPEN`, SIM800 `AT+CIPSTART` and SIM7600 `AT+CIPOPEN` take
/// the name; the u-blox service resolves it with `AT+UDNSRN` first.
@Suite("Sockets to a host name, every dialect")
struct SocketDNSEndToEndTests {
    static let profiles = ["quectel-bg96", "simcom-sim7600", "simcom-sim800", "ublox-sara-r4"]

    @Test("a name mapped to 127.0.0.1 connects and echoes; a name the modem cannot resolve fails typed", arguments: profiles)
    func name(profileName: String) async throws {
        let server = try await TCPEcho.start()
        let port = try #require(server.localAddress?.port)
        try await SocketEndToEnd.withModem(profileName, hosts: ["echo.modemkit.test": "127.0.0.1"]) { _, modem in
            let sockets = try await ModemSockets.service(for: modem, session: try DataSessionSettings(apn: "internet"))
            let socket = try await sockets.connect(host: "echo.modemkit.test", port: port)
            try await socket.send(Array("by name".utf8))
            #expect(try await SocketEndToEnd.read(socket, count: 7) == Array("by name".utf8))
            await socket.close()
            await #expect(throws: ModemSocketError.self) {
                try await bounded { try await sockets.connect(host: "nowhere.modemkit.test", port: port) }
            }
        }
        try await server.close()
    }
}
