import ATCodec
import ModemKit
import ModemKitTestSupport
import ModemReplay
import ModemTransport
import Testing

/// The example of docs/replay.md: a field log turned into a regression test.
///
/// The code under test is an application's health check. In the field (Fixtures/traces/field/
/// registration-lost-3am.trace) the modem lost coverage; the test replays what the modem did
/// and checks that the health check still reads it right and writes exactly what it wrote then.
struct HealthCheck {
    enum Verdict: Equatable {
        case healthy(rssi: Int?)
        case noService(recovery: ATFinalResult?)
    }

    let client: ATClient

    func run() async throws -> Verdict {
        let registration = try await client.send(CEREG.Read())
        let signal = try await client.send(CSQ.Execute())
        if registration.status.isRegistered { return .healthy(rssi: signal.rssi) }
        do {
            try await client.send(COPS.Set(mode: .automatic))   // ask for automatic selection again
            return .noService(recovery: .ok)
        } catch {
            guard case .commandFailed(_, let final, _) = error else { throw error }
            return .noService(recovery: final)
        }
    }
}

@Suite struct FieldLogRegressionExampleTests {
    @Test func healthCheckReadsTheLostCoverageAsTheFieldModemReportedIt() async throws {
        let text = try String(
            contentsOf: TraceFixtures.directory.appendingPathComponent("field/registration-lost-3am.trace"), encoding: .utf8)
        let (script, errors) = ReplayScript.parse(text)
        #expect(errors.isEmpty)

        // Strict: the check must write what it wrote in the field. Immediate: no waiting for
        // the minute that passed between the two checks.
        let transport = ReplayTransport(script: script, options: .init(matching: .strict, timing: .immediate), autostart: false)
        let client = ATClient(transport: transport)
        let registrationURCs = client.urcs(named: ["+CEREG"])
        transport.start()
        let check = HealthCheck(client: client)

        try await bounded(.seconds(10)) {
            let first = try await check.run()
            #expect(first == .healthy(rssi: 18))
            // The app runs the check again when the modem reports a registration change.
            var urcs = registrationURCs.makeAsyncIterator()
            #expect(await urcs.next()?.line == "+CEREG: 2")
            let second = try await check.run()
            #expect(second == .noService(recovery: .cmeError(.noNetworkService)))
        }

        await client.close()
        let report = await transport.report
        #expect(report.succeeded, "\(report)")
    }
}
