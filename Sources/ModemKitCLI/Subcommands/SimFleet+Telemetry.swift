import ArgumentParser
import Foundation
import VirtualModem
import VirtualModemHost

extension ModemKitCommand.Sim.Fleet {
    /// `--telemetry`: runs ``FleetTelemetryRun`` and prints its report.
    func runTelemetry(_ chosen: VirtualModemProfile) async throws {
        let target = try brokerURL.map { url throws(CLIError) in try FleetTelemetryRun.Target.parse(url) }
        let output = try await FleetTelemetryRun(
            profile: chosen, count: count, seed: seed, readings: readings, target: target, baseline: true, json: json
        ).run()
        let report = output.fleet
        if json {
            try Console.json(output)
        } else {
            Console.out("broker        \(output.broker)\(output.startedBroker ? " (mosquitto started for this run)" : "")")
            Console.out("modems        \(report.count) \(chosen.name): \(report.completed) completed, \(report.failed) failed")
            Console.out("published     \(output.messagesPublished) QoS 1 messages acknowledged (\(output.readingsPerModem) per modem)")
            Console.out(String(format: "received      %d by the subscriber, %.0f messages per second end to end", output.messagesReceived, output.messagesPerSecond))
            Console.out(String(format: "wall time     %.3f s", report.wallSeconds))
            Console.out(String(format: "commands      %d (%.0f per second)", report.commands, report.commandsPerSecond))
            if let baseline = output.baseline, let ratio = output.ratioToBaseline {
                Console.out(String(format: "baseline      %.3f s for the same MQTT connections and publishes without modems (%d received, %.0f per second, %d failed); fleet/baseline %.1f×",
                                   baseline.seconds, baseline.messagesReceived, baseline.messagesPerSecond, baseline.failed, ratio))
            }
            Console.out("open files    \(output.openFilesLimit) allowed (soft limit raised to the hard one)")
            for failure in report.failures.prefix(5) { Console.out("failure       \(failure)") }
        }
        if report.failed > 0 || output.messagesReceived < output.messagesPublished { throw ExitCode(CLIExit.modemError) }
    }
}
