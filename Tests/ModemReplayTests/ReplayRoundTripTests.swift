import ATCodec
import Foundation
import ModemDialects
import ModemKit
import ModemKitTestSupport
import ModemReplay
import ModemTrace
import ModemTransport
import Testing

/// The sessions recorded from the virtual modem, one per profile, under Fixtures/traces/.
enum TraceFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces")

    static let profiles = ["generic", "simcom-sim800", "simcom-sim7600", "quectel-bg96", "ublox-sara-r4"]

    static func text(_ profile: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("\(profile).trace"), encoding: .utf8)
    }
}

@Suite struct ReplayRoundTripTests {
    @Test("each committed trace decodes without a problem", arguments: TraceFixtures.profiles)
    func fixtureDecodesCleanly(profile: String) throws {
        let events = decode(try TraceFixtures.text(profile))
        #expect(problems(events).isEmpty)
        let all = transactions(events)
        #expect(all.count == 14)
        #expect(all.allSatisfy { $0.final != nil })
        #expect(all.contains { $0.observations.contains { $0.description.hasPrefix("SMS submit to +31628870634") } })
    }

    @Test("each committed trace replays against ATClient with the recorded results", arguments: TraceFixtures.profiles)
    func fixtureReplaysAgainstATClient(profile: String) async throws {
        let text = try TraceFixtures.text(profile)
        let (script, errors) = ReplayScript.parse(text)
        #expect(errors.isEmpty)
        let dialect = TraceDecodeStream.dialect(forProfile: TraceHeader.parse(text).profile)
        let transport = ReplayTransport(script: script, options: .init(matching: .strict, timing: .immediate), autostart: false)
        let client = ATClient(transport: transport, configuration: .init(urcs: dialect.urcs, dialectFinals: dialect.finals))
        let urcStream = client.urcs()
        transport.start()
        let events = decode(text)

        // One bound on the whole session: nothing here sleeps, but a wrong replay could hang.
        try await bounded(.seconds(30)) {
            var urcs = urcStream.makeAsyncIterator()
            for event in events {
                switch event {
                case .urc(let recorded):
                    #expect(await urcs.next()?.line == recorded.text)
                case .transaction(let recorded):
                    let command = try ATRawCommand(
                        recorded.command, prefixes: Self.prefixes(recorded.command), payload: recorded.payload)
                    let response: ATResponse
                    do {
                        response = try await client.send(command, timeout: .seconds(10))
                    } catch let error as ATClientError {
                        guard case .commandFailed(_, _, let failed) = error else { throw error }
                        response = failed
                    }
                    #expect(response.lines == recorded.lines, "\(recorded.command)")
                    #expect(response.final == recorded.final, "\(recorded.command)")
                    for inside in recorded.urcs {
                        #expect(await urcs.next()?.line == inside.text)
                    }
                default:
                    continue
                }
            }
        }
        await client.close()
        let report = await transport.report
        #expect(report.mismatches.isEmpty)
        #expect(report.finished, "\(report)")
    }

    /// The lines a raw command owns, as `modemkit at` gives them: those starting with its name.
    static func prefixes(_ command: String) -> [String] {
        let body = command.dropFirst(2)
        guard let first = body.first, "+^$#*%&".contains(first) else { return [] }
        let name = body.prefix { !"=?;".contains($0) }
        return name.count > 1 ? [name.uppercased() + ":"] : []
    }
}

extension TraceHeader {
    /// The header of a trace's text.
    static func parse(_ text: String) -> TraceHeader {
        TraceDocument(parsing: text).header
    }
}
