import ATCodec
import ModemTrace

/// One thing ``TraceDecoder`` found in a trace, in the order it was completed.
///
///     0.012345 tx AT+CPIN?\r
///     0.020000 rx \r\n+CME ERROR: 10\r\n
///     → .transaction(command "AT+CPIN?", final +CME ERROR: 10, explanation "SIM not inserted", 7.655 ms)
///     2.000000 rx \r\n+CEREG: 1\r\n
///     → .urc(name "+CEREG", observation registration EPS searching → home)
public enum DecodedEvent: Sendable, Hashable {
    /// A command with its echo, information lines, URCs that arrived meanwhile and final result.
    case transaction(DecodedTransaction)
    /// An unsolicited result code that arrived while no command was in flight.
    case urc(DecodedURC)
    /// A line from the modem that is neither a response nor a known URC, or a final result
    /// with no command in flight (`NO CARRIER` after a dropped call).
    case unexpectedLine(DecodedLine)
    /// A data-mode segment (`CONNECT` … `NO CARRIER`, or `+++` and `OK`) with its byte counts and
    /// PPP frames, emitted when it ends.
    case dataSession(DecodedDataSession)
    /// An `ev` record of the trace: `open`, `close`, `closed`, `reboot`, `note`, `error`...
    case annotation(DecodedAnnotation)
    /// Something in the trace that could not be read or decoded, with its line number.
    case problem(DecodeProblem)

    /// The trace line the event starts at.
    public var line: Int {
        switch self {
        case .transaction(let transaction): transaction.line
        case .urc(let urc): urc.line
        case .unexpectedLine(let line): line.line
        case .dataSession(let session): session.line
        case .annotation(let annotation): annotation.line
        case .problem(let problem): problem.line
        }
    }
}

/// A command line written by the host and what the modem answered.
public struct DecodedTransaction: Sendable, Hashable {
    /// The command line as written, without its CR (`AT+CSQ`); secrets show as `***`.
    public var command: String
    /// Whether the recorder removed secrets from the bytes of this command.
    public var redacted: Bool
    /// The trace line of the `tx` record that completed the command line.
    public var line: Int
    /// When the command line was written.
    public var start: TraceTime
    /// When the final result was read (or the transaction was given up).
    public var end: TraceTime
    /// Whether the modem echoed the command.
    public var echoed: Bool
    /// Whether the modem showed a `>` (or `@`) prompt.
    public var prompted: Bool
    /// Bytes written after the prompt (SMS PDU or text, socket data), Ctrl-Z included.
    public var payload: [UInt8]?
    /// The information lines, in order.
    public var lines: [String]
    /// Information lines dropped because the response exceeded the decoder's limit.
    public var droppedLines: Int
    /// URCs that arrived while the command was in flight.
    public var urcs: [DecodedURC]
    /// The final result; `nil` when none came (see ``unfinished``).
    public var final: ATFinalResult?
    /// Why there is no final result: the trace ended, the next command was written, the modem restarted.
    public var unfinished: String?
    /// What the response says, decoded: signal, registration, SMS.
    public var observations: [Observation]

    /// From the write to the final result.
    public var duration: Duration { .microseconds(end.microseconds - start.microseconds) }

    /// The error text for `+CME ERROR` and `+CMS ERROR` results, from the TS 27.007/27.005 tables:
    /// `+CME ERROR: 30` → "no network service".
    public var explanation: String? {
        switch final {
        case .cmeError(let error): error.text
        case .cmsError(let error): error.text
        case .unrecognizedError: "error text in no table"
        default: nil
        }
    }

    /// Whether the command ended with a success final result.
    public var succeeded: Bool { final?.isSuccess ?? false }
}

/// An unsolicited result code with the lines and raw bytes that belong to it.
public struct DecodedURC: Sendable, Hashable {
    /// The registry's name: `+CEREG`, `+CMT`, `RDY`, `+QIURC`.
    public var name: String
    /// The URC line itself.
    public var text: String
    /// Lines that belong to it (`+CMT`'s PDU).
    public var following: [String]
    /// Raw bytes announced by the line (`+QIURC: "recv",0,4` → 4 bytes).
    public var payload: [UInt8]?
    public var line: Int
    public var time: TraceTime
    /// The command in flight when it arrived, if any.
    public var during: String?
    public var observations: [Observation]
}

/// A line from the modem that nothing claimed.
public struct DecodedLine: Sendable, Hashable {
    public var text: String
    public var line: Int
    public var time: TraceTime
    /// Why it is reported: "unknown line", "final result with no command in flight".
    public var reason: String
}

/// An `ev` record.
public struct DecodedAnnotation: Sendable, Hashable {
    public var name: String
    public var text: String
    public var line: Int
    public var time: TraceTime
}

/// A part of the trace that could not be read or decoded. Decoding goes on after it.
///
///     DecodeProblem(line: 7, message: "invalid time 'x': x tx AT\\r").description
///     // "line 7: invalid time 'x': x tx AT\r"
public struct DecodeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based trace line; for problems found at the end of input, the last line.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
