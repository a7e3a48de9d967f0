import ModemCore
import ModemKit
import ModemKitTestSupport
import Synchronization
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: a socket carrying data when the modem reboots, loses registration or has its PDP
/// context deactivated, for every dialect: nothing hangs, every byte a `send` acknowledged
/// reached the echo server, and once ``Modem`` recovered a new socket works.
@Suite("Sockets through network faults, every dialect")
struct SocketFaultEndToEndTests {
    static let profiles = ["quectel-bg96", "simcom-sim7600", "simcom-sim800", "ublox-sara-r4"]
    static let faults = ["reboot", "registration lost", "PDP deactivated"]

    static func event(_ fault: String) -> NetworkEvent {
        switch fault {
        case "reboot": .reboot
        case "registration lost": .registrationLost(recoverAfter: .milliseconds(300))
        default: .pdpDeactivated(cid: 1)
        }
    }

    /// What the sender saw: bytes whose `send` returned, and the error that stopped it (`nil`
    /// when 40 sends outlived the fault).
    struct SendOutcome: Sendable {
        var acknowledged = 0
        var error: ModemSocketError?
    }

    @Test("data flows, a fault strikes mid-send: send fails typed and the stream ends, no acknowledged byte lost, a new socket works after recovery",
          arguments: profiles, faults)
    func fault(profileName: String, fault: String) async throws {
        let server = try await CountingTCPEcho.start()
        let port = try #require(server.port)
        let (vm, client, modem) = try await SocketEndToEnd.connected(profileName)
        let result: Result<Void, any Error>
        do {
            let sockets = try await ModemSockets.service(for: modem, session: try DataSessionSettings(apn: "internet"))
            let socket = try await sockets.connect(host: "127.0.0.1", port: port)
            let status = modem.status()
            let reader = Task {
                var count = 0
                for await chunk in socket.received { count += chunk.count }
                return count
            }
            let chunk = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 3) }
            let outcome = try await bounded(.seconds(30)) {
                var outcome = SendOutcome()
                for round in 0..<40 {
                    if round == 3 { Task { await vm.runner.inject(Self.event(fault)) } }
                    do {
                        try await socket.send(chunk)
                        outcome.acknowledged += chunk.count
                    } catch let error as ModemSocketError {
                        outcome.error = error
                        return outcome
                    }
                }
                return outcome
            }
            #expect(outcome.acknowledged >= 3 * chunk.count)
            // Every acknowledged byte reached the server.
            try? await bounded(.seconds(5)) { await server.wait(atLeast: outcome.acknowledged) }
            #expect(server.received >= outcome.acknowledged, "acknowledged \(outcome.acknowledged), server got \(server.received), \(String(describing: outcome.error))")
            // Every fault ends the connection: a send fails typed, and the stream ends by itself.
            #expect(outcome.error != nil, "the socket outlived \(fault) on \(profileName)")
            let echoed = try await bounded(.seconds(5)) {
                await withTaskCancellationHandler { await reader.value } onCancel: { reader.cancel() }
            }
            #expect(echoed <= server.received)
            await socket.close()

            // The Modem recovers (a fresh address) and a new socket connects and echoes.
            _ = try await ModemLifecycleEndToEndTests().next(status, ModemLifecycleEndToEndTests.addresses)
            let again = try await bounded(.seconds(20)) { try await sockets.connect(host: "127.0.0.1", port: port) }
            try await again.send(Array("after".utf8))
            #expect(try await SocketEndToEnd.read(again, count: 5) == Array("after".utf8))
            await again.close()
            result = .success(())
        } catch {
            result = .failure(error)
        }
        await modem.stop()
        await client.close()
        await vm.stop()
        try await server.close()
        try result.get()
    }
}
