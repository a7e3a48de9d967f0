import Foundation

extension TelemetryDemo.Report {
    /// The human summary of `modemkit demo`.
    func printHuman() {
        Console.out("ModemKit demo: telemetry through a virtual \(profile) modem, nothing but loopback")
        Console.out("  modem       \(device) (a pseudo-terminal, opened like a serial port)")
        Console.out("  receiver    \(receiver)")
        Console.out("  path        \(path)")
        Console.out("  fault       the modem rebooted after \(faultAfter) readings had arrived")
        Console.out("  trace       \(tracePath)  (modemkit replay decode / report)")
        Console.out()
        Console.out("Sent        \(sent) readings")
        Console.out("Delivered   \(delivered) at the receiver, each counted once by ID" + (duplicates > 0 ? "; \(duplicates) duplicate(s) with the same ID, dropped" : ""))
        Console.out("Retried     \(failedAttempts) failed attempt(s)" + (recoverySeconds.map { String(format: "; the modem was back %.2f s after the reboot", $0) } ?? ""))
        Console.out("On the air  \(bytesOnTheAir) bytes on the AT line, \(bytesPerReading) per reading (AT commands included)")
        Console.out("Latency     p50 \(latencyMs.p50) ms, p95 \(latencyMs.p95) ms, max \(latencyMs.max) ms (outbox to subscriber)")
        Console.out(String(format: "Time        %.1f s", seconds))
        if problems.isEmpty {
            Console.out("Result      nothing lost")
        } else {
            for problem in problems { Console.out("Problem     \(problem)") }
        }
    }
}
