import ATCodec
import ModemKit

/// One command line sent through an ``ATClient`` and what came of it: the unit of
/// `modemkit at` and of the demo's report.
struct ATExchange: Sendable, Encodable {
    /// How the exchange ended.
    enum Outcome: Sendable, Equatable {
        /// The modem answered with a success final result.
        case succeeded
        /// The modem answered with an error final result.
        case failed(ATFinalResult)
        /// No final result in time.
        case noAnswer
        /// The connection closed (or the modem restarted) before the answer.
        case connectionLost
        /// The answer could not be parsed.
        case unparsable
    }

    var command: String
    var lines: [String] = []
    var final: ATFinalResult?
    var outcome: Outcome
    /// Why there is no final result (timeout, closed connection).
    var error: String?
    /// URCs that arrived while this command was in flight (or since the previous one).
    var urcs: [String] = []
    var roundTrip: Duration

    var ok: Bool { outcome == .succeeded }

    /// A checked command line whose information lines are those starting with its own name:
    /// `AT+CREG?` takes `+CREG: 2,1` as its answer rather than as a URC; `ATI` takes bare lines.
    ///
    /// - Throws: ``ATEncodingError`` for CR, LF, Ctrl-Z, ESC or other control characters, or a
    ///   line that does not start with `AT`.
    static func command(_ text: String, timeout: Duration) throws(ATEncodingError) -> ATRawCommand {
        let body = text.dropFirst(2)
        var prefixes: [String] = []
        if let first = body.first, "+^$#*%&".contains(first) {
            let name = body.prefix { !"=?;".contains($0) }
            if name.count > 1 { prefixes = [name.uppercased() + ":"] }
        }
        return try ATRawCommand(text, prefixes: prefixes, timeout: timeout)
    }

    /// Sends `command` and waits for its final result, never throwing: every outcome is data.
    static func run(_ command: ATRawCommand, on client: ATClient) async -> ATExchange {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await client.send(command)
            return ATExchange(command: command.text, lines: response.lines, final: response.final,
                              outcome: .succeeded, roundTrip: clock.now - start)
        } catch {
            let elapsed = clock.now - start
            var exchange = ATExchange(command: command.text, outcome: .unparsable, error: error.description, roundTrip: elapsed)
            switch error {
            case .commandFailed(_, let final, let response):
                exchange.lines = response.lines
                exchange.final = final
                exchange.outcome = .failed(final)
                exchange.error = nil
            case .timedOut(_, let after):
                exchange.outcome = .noAnswer
                exchange.error = "no answer within \(describeSeconds(after))"
            case .transportClosed, .modemRebooted, .cancelled:
                exchange.outcome = .connectionLost
            case .parseFailed, .encodingFailed, .deferredResultTimedOut:
                break
            }
            return exchange
        }
    }

    /// The exit code for a batch: connection lost (4) over no answer (3) over a modem error
    /// (1) over success (0).
    static func exitCode(for exchanges: [ATExchange]) -> Int32 {
        var code = CLIExit.success
        for exchange in exchanges {
            let this: Int32 = switch exchange.outcome {
            case .succeeded: CLIExit.success
            case .failed, .unparsable: CLIExit.modemError
            case .noAnswer: CLIExit.noAnswer
            case .connectionLost: CLIExit.transport
            }
            code = max(code, this)
        }
        return code
    }

    /// The exchange as a terminal shows it: the command, its lines, the final result; errors
    /// without a final result go to stderr.
    func printHuman() {
        Console.out(command)
        for line in lines { Console.out(line) }
        if let final { Console.out(final.description) }
        if let error { Console.error("modemkit: \(command): \(error)") }
    }

    private enum CodingKeys: String, CodingKey {
        case command, lines, final, ok, error, urcs, milliseconds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(command, forKey: .command)
        try container.encode(lines, forKey: .lines)
        try container.encode(final?.description, forKey: .final)
        try container.encode(ok, forKey: .ok)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(urcs, forKey: .urcs)
        try container.encode(milliseconds(roundTrip), forKey: .milliseconds)
    }
}
