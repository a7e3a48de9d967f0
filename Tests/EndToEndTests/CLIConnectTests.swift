import Foundation
import ModemKitTestSupport
import Testing

/// `modemkit connect` and `modemkit status` run as processes against in-process virtual modems,
/// one at a time (each process boots a modem; in parallel they load a 2-core machine).
@Suite(.serialized) struct CLIConnectTests {
    @Test("connect --once brings data up on every profile", arguments: ["generic", "simcom-sim800", "simcom-sim7600", "quectel-bg96", "ublox-sara-r4"])
    func connect(profile: String) async throws {
        let result = try await ModemkitProcess.run(["connect", "--sim", profile, "--apn", "internet", "--once", "--timeout", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "state: probing (attempt 1)")
        #expect(lines.contains { $0.hasPrefix("dialect: ") })
        #expect(lines.last?.hasPrefix("state: connected 10.") == true, "\(result.stdout)")
    }

    @Test("connect --json prints one object per event")
    func json() async throws {
        let result = try await ModemkitProcess.run(["connect", "--sim", "quectel-bg96", "--once", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode([String: String].self, from: Data($0.utf8))
        }
        #expect(events.contains(["event": "dialect", "text": "dialect: quectel"]))
        #expect(events.last?["event"] == "state")
    }

    @Test("status stops at registration without data")
    func status() async throws {
        let result = try await ModemkitProcess.run(["status", "--sim", "simcom-sim800"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("registration (+CGREG): home (GSM)"))
        #expect(result.stdout.hasSuffix("state: registered\n"))
        #expect(!result.stdout.contains("attaching"))
    }

    @Test("bad APN, credentials and PIN are usage errors; nothing is opened", arguments: [
        ["--apn", "in\"ternet"], ["--apn", "a b"], ["--user", "u\"", "--password", "p"], ["--pin", "12a4"], ["--cid", "16"],
    ])
    func badInput(arguments: [String]) async throws {
        let result = try await ModemkitProcess.run(["connect", "--sim", "generic", "--once"] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
