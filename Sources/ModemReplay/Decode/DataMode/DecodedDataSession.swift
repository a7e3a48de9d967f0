import ModemTrace

/// A data-mode segment of a trace: from `CONNECT` to the `+++` escape, `NO CARRIER` or the
/// end of the transport, with the bytes each way and, for PPP, its frames.
///
///     12.000000 rx \r\nCONNECT\r\n                    ← ATD*99***1#
///     12.100000 tx ~\xff}#\xc0!}!}!} }.…~              one LCP Configure-Request
///     17.000000 tx +++
///     18.000000 rx \r\nOK\r\n
///     → DecodedDataSession(command "ATD*99***1#", ending .escaped, 120 bytes written, …,
///        frames [tx LCP Configure-Request id 1: …])
public struct DecodedDataSession: Sendable, Hashable {
    /// How data mode ended.
    public enum Ending: Sendable, Hashable, CustomStringConvertible {
        /// The host wrote `+++` and the modem answered `OK`: online command mode (`ATO` resumes).
        case escaped
        /// The modem said `NO CARRIER`: the call or the connection is gone (also after DTR dropped).
        case noCarrier
        /// The modem restarted (`ev reboot`, `RDY`).
        case restarted
        /// The transport ended (`ev close`, `ev closed`, `ev error`): the text of the record.
        case transportEnded(String)
        /// The trace ended in data mode.
        case traceEnded

        public var description: String {
            switch self {
            case .escaped: "+++ escape, then OK"
            case .noCarrier: "NO CARRIER"
            case .restarted: "the modem restarted"
            case .transportEnded(let what): "the transport ended (\(what))"
            case .traceEnded: "the trace ends in data mode"
            }
        }

        /// A short name for JSON: `escaped`, `no-carrier`, `restarted`, `transport`, `trace-end`.
        public var name: String {
            switch self {
            case .escaped: "escaped"
            case .noCarrier: "no-carrier"
            case .restarted: "restarted"
            case .transportEnded: "transport"
            case .traceEnded: "trace-end"
            }
        }
    }

    /// One PPP frame of the session.
    public struct Frame: Sendable, Hashable {
        public var direction: TraceDirection
        public var time: TraceTime
        /// The trace line of the record that completed the frame.
        public var line: Int
        /// Bytes between the flags, unescaped, without the FCS.
        public var length: Int
        public var fcsValid: Bool
        /// The frame ended in an abort sequence or was longer than the splitter keeps.
        public var aborted: Bool
        public var summary: PPPFrameSummary
    }

    /// The command answered by `CONNECT` (`ATD*99***1#`, `ATO`, `AT+QIOPEN=...`); `nil` when
    /// `CONNECT` came with no command in flight (transparent socket modes announce it so).
    public var command: String?
    /// The `CONNECT` line as the modem printed it (`CONNECT`, `CONNECT 150`).
    public var connect: String
    /// The trace line of `CONNECT`.
    public var line: Int
    public var start: TraceTime
    public var end: TraceTime
    /// The trace line where data mode ended.
    public var endLine: Int
    public var ending: Ending
    /// Whether the bytes are read as PPP: a packet dial (`ATD*99#`, `ATD*98#`) or a first byte `0x7E`.
    public var ppp: Bool
    /// Data bytes the host wrote (the `+++` escape not counted).
    public var bytesWritten: Int
    /// Data bytes the modem sent.
    public var bytesRead: Int
    /// PPP frames, in order, up to the decoder's limit.
    public var frames: [Frame]
    /// Frames left out past the limit.
    public var droppedFrames: Int
    /// Frames with a bad FCS, aborted or cut, kept or not.
    public var badFrames: Int

    /// From `CONNECT` to the end of data mode.
    public var duration: Duration { .microseconds(end.microseconds - start.microseconds) }
}
