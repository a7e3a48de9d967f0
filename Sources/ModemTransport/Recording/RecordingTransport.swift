import ModemCore
import ModemTrace
import Synchronization

/// Wraps any transport and records every chunk that crosses it into a ``TraceRecorder``:
/// chunks returned by `read` as `rx` (from the modem), chunks passed to `write` as `tx`
/// (to the modem), each stamped with the recorder's monotonic time.
///
/// ```swift
/// let recorder = try TraceRecorder(path: "session.trace", header: TraceHeader(device: serial.descriptionForLog))
/// let transport = RecordingTransport(wrapping: serial, recorder: recorder)
/// try await transport.write(Array("AT+CPIN=\"1234\"\r".utf8))
/// // session.trace: 0.000102 tx:redacted AT+CPIN="***"\r
/// ```
///
/// Secrets are masked before anything is recorded (the bytes that reach the wrapped transport
/// and the caller are never altered): ``ATRedactor`` runs over written chunks and over read
/// chunks too, since a modem with echo on sends the command — PIN included — back. The
/// current line is carried between chunks, so a command split across chunks is still masked.
///
/// Besides data, it records `ev open <description>` when created, `ev closed` when the wrapped transport first reports end of
/// stream, `ev close` when ``close()`` is called, and `ev error <description>` for other
/// transport errors.
public final class RecordingTransport: ByteTransport {
    /// The transport doing the I/O.
    public let wrapped: any ByteTransport
    /// Where records go.
    public let recorder: TraceRecorder

    private struct State {
        var tx = RedactingStream()
        var rx = RedactingStream()
        var sawEndOfStream = false
        var closedByCaller = false
    }

    private let state = Mutex(State())

    /// Starts recording with an `ev open <description>` record.
    public init(wrapping transport: any ByteTransport, recorder: TraceRecorder) {
        self.wrapped = transport
        self.recorder = recorder
        recorder.event("open", text: transport.descriptionForLog)
    }

    /// The wrapped transport's description.
    public var descriptionForLog: String { wrapped.descriptionForLog }

    public var taskExecutor: (any TaskExecutor)? { wrapped.taskExecutor }

    public func read() async throws(TransportError) -> [UInt8] {
        do {
            let bytes = try await wrapped.read()
            let (recorded, redacted) = state.withLock { $0.rx.redact(bytes) }
            recorder.record(.rx, recorded, redacted: redacted)
            return bytes
        } catch {
            note(error)
            throw error
        }
    }

    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        // Recorded before the write, so that a reply read meanwhile cannot precede it.
        let redaction = state.withLock { state in state.closedByCaller ? nil : state.tx.redact(bytes) }
        guard let (recorded, redacted) = redaction else { throw .closed }
        recorder.record(.tx, recorded, redacted: redacted)
        do {
            try await wrapped.write(bytes)
        } catch {
            note(error)
            throw error
        }
    }

    /// Records `ev close` and closes the wrapped transport (the recorder stays open).
    public func close() async {
        let first = state.withLock { state in
            defer {
                state.sawEndOfStream = true
                state.closedByCaller = true
            }
            return !state.sawEndOfStream
        }
        if first { recorder.event("close") }
        await wrapped.close()
    }

    private func note(_ error: TransportError) {
        switch error {
        case .closed:
            let first = state.withLock { state in
                defer { state.sawEndOfStream = true }
                return !state.sawEndOfStream
            }
            if first { recorder.event("closed") }
        case .system(_, let code, _) where code == POSIX.canceledCode:
            break  // a cancelled wait is not an event on the wire
        default:
            recorder.event("error", text: error.description)
        }
    }
}

extension RecordingTransport: BaudRateAdjustable {
    /// The wrapped port's speed; 0 when it has none (TCP, memory).
    public var baudRate: Int { (wrapped as? any BaudRateAdjustable)?.baudRate ?? 0 }

    /// Switches the wrapped port's speed; ``TransportError/invalidConfiguration(_:)`` when it
    /// has no line speed to change (TCP, memory).
    public func setBaudRate(_ baud: Int) async throws(TransportError) {
        guard let port = wrapped as? any BaudRateAdjustable else {
            throw .invalidConfiguration("\(wrapped.descriptionForLog) has no line speed to change")
        }
        try await port.setBaudRate(baud)
    }
}
