#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore
import ModemTrace
import Synchronization

/// Appends trace records (see `docs/trace-format.md`) to a file or to memory, stamping each
/// with the time elapsed since the recorder was created on a monotonic clock.
///
/// ```swift
/// let recorder = try TraceRecorder(
///     path: "session.trace",
///     header: TraceHeader(tool: "modemkit 0.1.0", device: "/dev/ttyUSB2", baud: 115_200))
/// let transport = RecordingTransport(wrapping: serial, recorder: recorder)
/// // … use `transport` …
/// recorder.event("note", text: "SIM removed")
/// try recorder.close()
/// ```
///
/// Output is buffered: it reaches the file when 64 KiB are pending, when a record arrives
/// more than `flushInterval` after the last flush, every `flushInterval` from a background
/// task, on ``flush()`` and on ``close()``. A line-oriented trace cut short by a crash loses
/// at most the unflushed tail and stays readable. Thread-safe; `record` never blocks on
/// anything but the file write of a flush.
public final class TraceRecorder: Sendable {
    /// The header written at the top, with `start` filled in if it was missing.
    public let header: TraceHeader

    private struct State {
        var pending: [UInt8] = []
        var memory: [UInt8] = []
        var closed = false
        var lastFlush: Duration = .zero
        var failure: TransportError?
        var flusher: Task<Void, Never>?
    }

    private static let flushThreshold = 64 * 1024

    private let state = Mutex(State())
    private let fd: Int32
    private let flushInterval: Duration
    private let elapsed: @Sendable () -> Duration

    /// Records to the file at `path` (created or truncated).
    ///
    /// - Parameter clock: the time source for record times; `ContinuousClock` by default.
    public init<C: Clock>(
        path: String, header: TraceHeader = TraceHeader(), flushInterval: Duration = .seconds(1),
        clock: C = ContinuousClock()
    ) throws(TransportError) where C.Duration == Duration {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .notFound(path) }
            throw POSIX.error("open \(path)")
        }
        self.fd = fd
        self.flushInterval = flushInterval
        self.header = Self.completed(header)
        self.elapsed = Self.stopwatch(clock)
        state.withLock { append(TraceWriter().headerLines(self.header), to: &$0) }
        try flush()
        startFlusher()
    }

    /// Records to memory; read the trace back with ``text``.
    public init<C: Clock>(header: TraceHeader = TraceHeader(), clock: C = ContinuousClock()) where C.Duration == Duration {
        self.fd = -1
        self.flushInterval = .seconds(1)
        self.header = Self.completed(header)
        self.elapsed = Self.stopwatch(clock)
        state.withLock { append(TraceWriter().headerLines(self.header), to: &$0) }
    }

    deinit {
        // Not closed by the owner: flush what is pending and release the file, once.
        state.withLock { state in
            state.flusher?.cancel()
            guard !state.closed else { return }
            flushLocked(&state)
            state.closed = true
            if fd >= 0 { POSIX.closeDescriptor(fd) }
        }
    }

    /// The time since the recorder started, as record times are stamped.
    public func now() -> TraceTime {
        TraceTime(elapsed())
    }

    /// Records a chunk read (`.rx`) or written (`.tx`) now.
    public func record(_ direction: TraceDirection, _ bytes: [UInt8], redacted: Bool = false) {
        record(TraceRecord(time: now(), body: .data(direction, bytes, redacted: redacted)))
    }

    /// Records an event now, e.g. `event("reboot")` or `event("note", text: "after AT+CFUN=1,1")`.
    public func event(_ name: String, text: String = "") {
        record(TraceRecord(time: now(), body: .event(name: name, text: text)))
    }

    /// Appends a record as is (its own time is kept). Ignored after ``close()``.
    public func record(_ record: TraceRecord) {
        let line = TraceWriter().line(for: record)
        state.withLock { state in
            guard !state.closed else { return }
            append([line], to: &state)
            if fd >= 0, state.pending.count >= Self.flushThreshold || elapsed() - state.lastFlush >= flushInterval {
                flushLocked(&state)
            }
        }
    }

    /// Writes buffered records to the file. Throws the first write error the recorder met.
    public func flush() throws(TransportError) {
        let failure = state.withLock { state in
            flushLocked(&state)
            return state.failure
        }
        if let failure { throw failure }
    }

    /// Flushes and closes the file; later records are ignored. Idempotent.
    public func close() throws(TransportError) {
        let (failure, flusher) = state.withLock { state -> (TransportError?, Task<Void, Never>?) in
            guard !state.closed else { return (state.failure, nil) }
            flushLocked(&state)
            state.closed = true
            if fd >= 0 { POSIX.closeDescriptor(fd) }
            defer { state.flusher = nil }
            return (state.failure, state.flusher)
        }
        flusher?.cancel()
        if let failure { throw failure }
    }

    /// The trace so far, for a recorder created without a path; `nil` for a file recorder.
    public var text: String? {
        guard fd < 0 else { return nil }
        return state.withLock { String(decoding: $0.memory + $0.pending, as: UTF8.self) }
    }

    /// The first error met writing the file, if any.
    public var writeError: TransportError? {
        state.withLock { $0.failure }
    }

    // MARK: - Internals

    private func append(_ lines: [String], to state: inout State) {
        for line in lines {
            state.pending.append(contentsOf: line.utf8)
            state.pending.append(UInt8(ascii: "\n"))
        }
    }

    private func flushLocked(_ state: inout State) {
        state.lastFlush = elapsed()
        guard !state.closed, !state.pending.isEmpty else { return }
        if fd < 0 {
            state.memory.append(contentsOf: state.pending)
        } else if let error = Self.writeAll(state.pending, to: fd), state.failure == nil {
            state.failure = error
        }
        state.pending.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> TransportError? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return POSIX.error("write trace")
                }
                offset += count
            }
            return nil
        }
    }

    private func startFlusher() {
        let interval = flushInterval
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                try? self.flush()
            }
        }
        state.withLock { $0.flusher = task }
    }

    private static func completed(_ header: TraceHeader) -> TraceHeader {
        var header = header
        if header.start == nil { header.start = WallClock.iso8601Now() }
        return header
    }

    private static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
