import Foundation
import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// `modemkit demo` and `modemkit telemetry send|run|status` as processes, against mosquitto.
@Suite("modemkit demo and telemetry commands", .serialized)
struct CLITelemetryTests {
    struct DemoReport: Decodable {
        var sent: Int
        var delivered: Int
        var duplicates: Int
        var faultAfter: Int
        var recoverySeconds: Double?
        var receiver: String
        var bytesOnTheAir: Int
        var problems: [String]
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func demoDeliversEveryReadingThroughAModemReboot() async throws {
        let result = try await ModemkitProcess.run(["demo", "--json", "--count", "120"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try result.json(DemoReport.self)
        #expect(report.problems.isEmpty)
        #expect(report.sent == 120)
        #expect(report.delivered == 120)
        #expect(report.faultAfter == 48)
        #expect(report.recoverySeconds != nil)
        #expect(report.receiver.hasPrefix("mosquitto on 127.0.0.1:"))
        #expect(report.bytesOnTheAir > 120 * 100)
    }

    @Test func demoWithoutABrokerUsesRawTCP() async throws {
        let result = try await ModemkitProcess.run(["demo", "--json", "--no-broker", "--count", "40", "--profile", "simcom-sim800"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try result.json(DemoReport.self)
        #expect(report.delivered == 40)
        #expect(report.receiver.hasPrefix("raw TCP receiver"))
    }

    @Test func demoHumanOutputSaysNothingWasLost() async throws {
        let result = try await ModemkitProcess.run(["demo", "--count", "30"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Delivered   30 at the receiver"))
        #expect(result.stdout.contains("Result      nothing lost"))
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)")) func sendRunAndStatusAgainstMosquitto() async throws {
        let broker = try await LocalMosquitto.start()
        defer { Task { await broker.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-cli-telemetry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox.sqlite").path
        let common = ["--sim", "quectel-bg96", "--apn", "internet", "--to", "mqtt://127.0.0.1:\(broker.port)/cli/{device}", "--outbox", outbox, "--device-name", "cli"]

        let sent = try await ModemkitProcess.run(["telemetry", "send"] + common + ["--json", #"{"kWh":1234.5}"#], timeout: 60)
        #expect(sent.status == 0, "\(sent.stderr)")
        struct Sent: Decodable { var id: String; var delivered: Bool; var queued: Int }
        let report = try sent.json(Sent.self)
        #expect(report.delivered)
        #expect(report.queued == 0)

        // An invalid reading is refused before anything is queued or sent.
        let invalid = try await ModemkitProcess.run(["telemetry", "send"] + common + [#"{"kWh":}"#], timeout: 60)
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("not valid JSON"))

        // run: JSON lines on stdin, a bad one reported with its line number, the rest delivered.
        let lines = (1...20).map { #"{"n":\#($0)}"# } + ["not json"] + (21...25).map { #"{"n":\#($0)}"# }
        let run = try await ModemkitProcess.run(["telemetry", "run"] + common + ["--json"], input: lines.joined(separator: "\n") + "\n", timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("line 21"))
        struct Summary: Decodable { var queued: Int; var invalid: Int; var delivered: Int; var stillQueued: Int }
        let summary = try run.json(Summary.self)
        #expect(summary.queued == 25)
        #expect(summary.invalid == 1)
        #expect(summary.delivered == 25)
        #expect(summary.stillQueued == 0)

        let status = try await ModemkitProcess.run(["telemetry", "status", "--outbox", outbox, "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        struct Status: Decodable {
            struct Inner: Decodable { var depth: Int; var delivered: Int }
            var status: Inner
        }
        let shown = try status.json(Status.self)
        #expect(shown.status.depth == 0)
        #expect(shown.status.delivered == 26)
    }

    @Test(.enabled(if: LocalMosquitto.isInstalled, "mosquitto is not installed (apt-get install mosquitto)"))
    func aConfigFileAndACommandAsTheSource() async throws {
        let broker = try await LocalMosquitto.start()
        defer { Task { await broker.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-cli-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox.sqlite").path
        let config = folder.appendingPathComponent("telemetry.yaml")
        try """
            sim: simcom-sim800
            apn: internet
            device-name: yaml-meter
            to:
              - mqtt://127.0.0.1:\(broker.port)/yaml/{device}
            outbox: \(outbox)
            durability: full
            batch: 5
            """.write(to: config, atomically: true, encoding: .utf8)
        let sent = try await ModemkitProcess.run(["telemetry", "send", "--config", config.path, "--json", #"{"v":1}"#], timeout: 60)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains(#""delivered" : true"#))

        // A command as the source: three readings per run; SIGTERM stops it cleanly (an exit, not
        // death by the signal) after the batch in flight; what the last run queued stays queued.
        let subscriber = MQTTClient(connector: HostSocketConnector(), host: "127.0.0.1", port: broker.port)
        _ = try await subscriber.connect(MQTTClientOptions(clientID: "cli-config-sub", cleanSession: true))
        _ = try await subscriber.subscribe([MQTTSubscription(filter: "yaml/#")])
        let process = Process()
        let binary = try #require(ModemkitProcess.binary)
        process.executableURL = binary
        process.arguments = ["telemetry", "run", "--config", config.path, "--command", #"printf '{"r":1}\n{"r":2}\n{"r":3}\n'"#, "--interval", "0.2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The broker has the 7th reading (the one before it came in `send`), then SIGTERM: the
        // batch in flight is finished and marked before the exit, so the outbox counts them all.
        try await bounded(.seconds(60)) {
            var readings = 0
            for await _ in subscriber.messages {
                readings += 1
                if readings >= 6 { return }
            }
        }
        await subscriber.disconnect()
        process.terminate()
        process.waitUntilExit()
        let delivered = try Outbox.status(ofDatabaseAt: outbox).delivered
        #expect(delivered >= 7)
        #expect(process.terminationReason == .exit)
        #expect([0, 1].contains(process.terminationStatus), "0 with nothing queued, 1 with readings left for the next run")
    }

    @Test func aBadDestinationOrConfigIsAUsageError() async throws {
        let badURL = try await ModemkitProcess.run(["telemetry", "send", "--sim", "quectel-bg96", "--to", "https://example/x", "--outbox", "/tmp/unused-\(UUID().uuidString)", "{}"])
        #expect(badURL.status == 2)
        #expect(badURL.stderr.contains("destination"))
        let noConfig = try await ModemkitProcess.run(["telemetry", "run", "--config", "/nonexistent/modemkit.yaml"])
        #expect(noConfig.status == 2)
        #expect(noConfig.stderr.contains("/nonexistent/modemkit.yaml"))
    }
}
