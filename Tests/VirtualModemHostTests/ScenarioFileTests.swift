import Foundation
import Testing
import VirtualModem
import VirtualModemHost

@Suite("Scenario files")
struct ScenarioFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("every scenario in Fixtures/scenarios loads and runs for five minutes", arguments: files)
    func fixture(name: String) throws {
        let scenario = try ScenarioFile.load(Self.directory.appendingPathComponent(name).path)
        var modem = try VirtualModem(scenario: scenario)
        var output: [UInt8] = []
        var now = Duration.zero
        while now < .seconds(300) {
            now += .seconds(1)
            for action in modem.advance(to: now) {
                if case .write(let bytes) = action { output += bytes }
            }
            for action in modem.receive(Array("AT+CSQ\r".utf8), at: now) {
                if case .write(let bytes) = action { output += bytes }
            }
        }
        #expect(modem.status.commands > 0)
        #expect(!output.isEmpty)
    }

    @Test("the roaming scenario roams, loses registration at 60 s and gets it back")
    func roaming() throws {
        let scenario = try ScenarioFile.load(Self.directory.appendingPathComponent("roaming-weak-signal.yaml").path)
        var modem = try VirtualModem(scenario: scenario)
        _ = modem.advance(to: .seconds(30))
        #expect(modem.status.registration == 5)
        _ = modem.advance(to: .seconds(61))
        #expect(modem.status.registration == 2)
        _ = modem.advance(to: .seconds(81))
        #expect(modem.status.registration == 5)
    }

    @Test("mistakes name their place")
    func mistakes() {
        let cases: [(String, String)] = [
            ("profile: nokia-3310\n", "unknown profile"),
            ("network: { registration: maybe }\n", "network.registration"),
            ("timeline:\n  - at: 5\n", "timeline[0]"),
            ("faults: { dropResponse: 2 }\n", "probability"),
            ("timeline:\n  - at: 5\n    event: { signal: 77 }\n", "timeline[0]"),
            ("network: { psmActiveTime: \"0101\" }\n", "network.psmActiveTime"),
            ("profile: [unclosed\n", "scenario"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ScenarioFile.parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }
}
