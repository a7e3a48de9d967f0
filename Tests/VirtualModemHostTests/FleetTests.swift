import ModemKitTestSupport
import Testing
import VirtualModem
@testable import VirtualModemHost

@Suite("Virtual modem fleet")
struct FleetTests {
    static func fast(_ profile: VirtualModemProfile) -> VirtualModemProfile {
        VirtualModemOnPTY.fast(profile)
    }

    @Test("every modem of a generic fleet boots, registers and attaches")
    func genericFleet() async throws {
        let fleet = VirtualModemFleet(
            count: 200,
            configuration: VirtualModemConfiguration(profile: Self.fast(.generic)),
            workload: .connectAndSend(dialect: .generic, port: 9)
        )
        let report = try await bounded { await fleet.run() }
        #expect(report.failed == 0, "\(report.failures)")
        #expect(report.completed == 200)
        // AT (at least once), ATE0, +CMEE, +CEREG? (at least once), +CGATT, +CGACT? per modem.
        #expect(report.commands >= 200 * 6)
        #expect(await fleet.status(199)?.attached == true)
    }

    @Test("a workload step that fails is reported with the modem and the line")
    func failure() async throws {
        var configuration = VirtualModemConfiguration(profile: Self.fast(.generic))
        configuration.sim.present = false
        let fleet = VirtualModemFleet(
            count: 3, configuration: configuration,
            workload: FleetWorkload(steps: [.init("AT", retryEvery: .milliseconds(50)), .init("AT+CIMI")])
        )
        let report = try await bounded { await fleet.run() }
        #expect(report.failed == 3)
        #expect(report.failures.first?.contains("AT+CIMI") == true)
    }

    @Test("the deadline heap pops in order")
    func heap() {
        var heap = DeadlineHeap()
        for (index, seconds) in [5, 1, 4, 2, 3, 1].enumerated() { heap.push(.seconds(seconds), index) }
        var popped: [Duration] = []
        while let (deadline, _) = heap.popDue(upTo: .seconds(4)) { popped.append(deadline) }
        #expect(popped == [.seconds(1), .seconds(1), .seconds(2), .seconds(3), .seconds(4)])
        #expect(heap.peek == .seconds(5))
    }
}
