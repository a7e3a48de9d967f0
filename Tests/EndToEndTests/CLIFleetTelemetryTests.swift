import Foundation
import ModemTelemetry
import Testing

/// `modemkit sim fleet --telemetry` as a process: virtual modems publishing to mosquitto.
@Suite struct CLIFleetTelemetryTests {
    struct Output: Decodable {
        struct Fleet: Decodable {
            var completed: Int
            var failed: Int
            var failures: [String]
        }
        struct Baseline: Decodable {
            var failed: Int
            var messagesReceived: Int
        }
        var broker: String
        var startedBroker: Bool
        var readingsPerModem: Int
        var fleet: Fleet
        var messagesPublished: Int
        var messagesReceived: Int
        var messagesPerSecond: Double
        var baseline: Baseline?
    }

    @Test func twentyModemsPublishToTheirOwnMosquitto() async throws {
        let result = try await ModemkitProcess.run(
            ["sim", "fleet", "--count", "20", "--profile", "quectel-bg96", "--telemetry", "--json"], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("started mosquitto on 127.0.0.1:"))
        let output = try result.json(Output.self)
        #expect(output.startedBroker)
        #expect(output.fleet.completed == 20, "\(output.fleet.failures)")
        #expect(output.fleet.failed == 0)
        #expect(output.readingsPerModem == 10)
        #expect(output.messagesPublished == 20 * 10)
        #expect(output.messagesReceived == 20 * 10)
        #expect(output.messagesPerSecond > 0)
        #expect(output.baseline?.failed == 0)
        #expect(output.baseline?.messagesReceived == 20 * 10)
    }

    @Test func aBrokerURLIsUsedAsGiven() async throws {
        let broker = try await LocalMosquitto.start()
        let run = try? await ModemkitProcess.run(
            ["sim", "fleet", "--count", "5", "--profile", "ublox-sara-r4", "--telemetry",
             "mqtt://127.0.0.1:\(broker.port)/plant/meters", "--readings", "3", "--json"], timeout: 60)
        await broker.stop()
        let result = try #require(run)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try result.json(Output.self)
        #expect(!output.startedBroker)
        #expect(output.broker == "mqtt://127.0.0.1:\(broker.port)/plant/meters")
        #expect(output.fleet.completed == 5, "\(output.fleet.failures)")
        #expect(output.messagesReceived == 5 * 3)
    }

    @Test func aBrokerOffLoopbackIsAUsageError() async throws {
        let result = try await ModemkitProcess.run(["sim", "fleet", "--telemetry", "mqtt://192.0.2.1:1883/x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("reach 127.0.0.1 only"))
    }
}
