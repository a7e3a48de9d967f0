import Foundation
@testable import ModemKitCLI
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// The control socket: `modemkit sim ctl`'s client against a ``ControlServer`` in process.
@Suite struct SimControlTests {
    func withServer(_ body: @Sendable (String, VirtualModemRunner, InMemoryTransport) async throws -> Void) async throws {
        let (modemEnd, host) = InMemoryTransport.pair()
        var configuration = VirtualModemConfiguration()
        configuration.profile.timing.bootTime = .milliseconds(1)
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: modemEnd)
        await runner.start()
        let path = NSTemporaryDirectory() + "modemkit-ctl-test-\(UUID().uuidString.prefix(8)).sock"
        let server = try await ControlServer.start(path: path, target: ControlTarget(runners: [runner]))
        try await body(path, runner, host)
        await server.stop()
        await runner.stop()
    }

    func ctl(_ arguments: [String], _ path: String) async throws -> ControlResponse {
        let command = try ModemKitCommand.Sim.Ctl.parse(["--control", path] + arguments)
        let request = try command.makeRequest()
        // The client blocks on its socket: run it on its own thread, not the cooperative pool
        // that the server in this process needs.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ControlClient.send(request, to: path) })
            }
        }
    }

    @Test func statusSignalAndFaults() async throws {
        try await withServer { path, runner, _ in
            let status = try await ctl(["status"], path)
            #expect(status.ok)
            #expect(status.status?.first?.profile == "generic")
            #expect(try await ctl(["signal", "4"], path).ok)
            #expect(await runner.snapshot.status.rssi == 4)
            #expect(try await ctl(["fault", "drop-next"], path).ok)
            let bad = try await ctl(["json", "{\"event\": {\"signal\": 77}}"], path)
            #expect(!bad.ok)
            #expect(bad.error?.contains("event.signal") == true)
            let wrongModem = try await ctl(["--modem", "3", "reboot"], path)
            #expect(wrongModem.error?.contains("no modem 3") == true)
        }
    }

    @Test func anSMSReachesTheLine() async throws {
        try await withServer { path, _, host in
            try await host.write(Array("ATE0;+CNMI=2,1\r".utf8))
            #expect(try await ctl(["sms", "+447700900123", "hello"], path).ok)
            var text = ""
            while !text.contains("+CMTI:") { text += String(decoding: try await host.read(), as: UTF8.self) }
            #expect(text.contains("+CMTI: \"SM\",1"))
        }
    }
}
