import ATCodec
import ModemKit

extension DemoRun.Report {
    /// Round trips of the commands sent (setup and the command list), sorted.
    var roundTrips: [Duration] {
        (setup + commands).filter { $0.final != nil }.map(\.roundTrip).sorted()
    }

    /// The human report, section by section.
    func printHuman() {
        Console.out("ModemKit demo: the virtual modem on a pseudo-terminal, reached through the real serial code.")
        Console.out()
        Console.out("  Modem   virtual modem, generic 3GPP profile (in this process) on the pty master")
        Console.out("  Port    \(device) opened with SerialTransport (\(portSettings))")
        Console.out("  Trace   \(tracePath)")
        section("1. Setup")
        for exchange in setup { show(exchange) }
        section("2. Network registration, reported by URCs")
        for urc in registrationURCs { Console.out("    \(urc)") }
        if registrationURCs.isEmpty { Console.out("    (none)") }
        section("3. modemkit info")
        for line in info.humanLines { Console.out("    \(line)") }
        section("4. Commands (modemkit at)")
        for exchange in commands { show(exchange) }
        section("5. An injection attempt, refused before anything is written")
        for refusal in refusals {
            Console.out("  > \"\(ATText.escaped(refusal.command.utf8))\"")
            Console.out("    refused: \(refusal.reason)")
            Console.out("    bytes the modem received meanwhile: \(refusal.bytesWritten)")
        }
        section("6. URCs received (\(urcs.count))")
        for urc in urcs { Console.out("    \(urc.text)") }
        section("Summary")
        for line in summaryLines { Console.out("  \(line)") }
        for problem in problems { Console.out("  ! \(problem)") }
    }

    var summaryLines: [String] {
        let sent = setup + commands
        let succeeded = sent.filter(\.ok).count
        let failed = sent.filter { if case .failed = $0.outcome { true } else { false } }.count
        var lines = ["Commands    \(sent.count) sent: \(succeeded) OK, \(failed) failed with a modem error; \(refusals.count) refused before writing"]
        if let fastest = roundTrips.first, let slowest = roundTrips.last {
            let median = roundTrips[roundTrips.count / 2]
            lines.append("Round trip  min \(milliseconds(fastest)) ms, median \(milliseconds(median)) ms, max \(milliseconds(slowest)) ms (ContinuousClock, command written to final result read)")
        }
        var counts: [(String, Int)] = []
        for urc in urcs {
            if let index = counts.firstIndex(where: { $0.0 == urc.name }) { counts[index].1 += 1 } else { counts.append((urc.name, 1)) }
        }
        lines.append("URCs        \(urcs.count)" + (counts.isEmpty ? "" : " (" + counts.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ") + ")"))
        lines.append("Trace       \(tracePath) (\(traceRecords) records; format in docs/trace-format.md)")
        lines.append(problems.isEmpty ? "Result      everything behaved as expected" : "Result      \(problems.count) unexpected outcome(s):")
        return lines
    }

    private func section(_ title: String) {
        Console.out()
        Console.out(title)
    }

    private func show(_ exchange: ATExchange) {
        Console.out("  > \(exchange.command)")
        for line in exchange.lines { Console.out("    \(line)") }
        let time = "(\(milliseconds(exchange.roundTrip)) ms)"
        if let final = exchange.final {
            Console.out("    \(final.description)  \(time)")
            if case .cmeError(let error) = final {
                Console.out("    → a typed CMEError (code \(error.code), \"\(error.text)\"), thrown as ATClientError.commandFailed")
            }
        } else {
            Console.out("    \(exchange.error ?? "no final result")  \(time)")
        }
    }
}

extension DemoRun.Report: Encodable {
    private enum Keys: String, CodingKey {
        case device, port, trace, traceRecords, setup, registration, info, commands, refused, urcs, summary, problems, ok
    }

    private struct Summary: Encodable {
        var commands: Int
        var succeeded: Int
        var refused: Int
        var roundTripMilliseconds: [String: Double]
        var urcs: Int
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(device, forKey: .device)
        try container.encode(portSettings, forKey: .port)
        try container.encode(tracePath, forKey: .trace)
        try container.encode(traceRecords, forKey: .traceRecords)
        try container.encode(setup, forKey: .setup)
        try container.encode(registrationURCs, forKey: .registration)
        try container.encode(info, forKey: .info)
        try container.encode(commands, forKey: .commands)
        try container.encode(refusals, forKey: .refused)
        try container.encode(urcs.map(\.text), forKey: .urcs)
        var times: [String: Double] = [:]
        if let fastest = roundTrips.first, let slowest = roundTrips.last {
            times = ["min": milliseconds(fastest), "median": milliseconds(roundTrips[roundTrips.count / 2]), "max": milliseconds(slowest)]
        }
        let sent = setup + commands
        try container.encode(Summary(commands: sent.count, succeeded: sent.filter(\.ok).count, refused: refusals.count,
                                     roundTripMilliseconds: times, urcs: urcs.count), forKey: .summary)
        try container.encode(problems, forKey: .problems)
        try container.encode(problems.isEmpty, forKey: .ok)
    }
}
