import ModemDialects
import ModemTrace

/// A trace file decoded as it is read: text in, ``DecodedEvent``s out, in constant memory.
///
/// Combines ``LogReader`` (lines → records, malformed lines reported with their number) and
/// ``TraceDecoder`` (records → transactions). The dialect comes from the trace's `profile`
/// header field (`quectel-bg96` → Quectel URCs) unless one is given.
///
/// ```swift
/// var stream = TraceDecodeStream()
/// stream.append(chunk)                       // any chunking, e.g. 64 KiB reads of a file
/// while let event = stream.next() { print(event.line) }
/// stream.finish()                            // end of file
/// while let event = stream.next() { print(event.line) }
/// stream.recordCount                         // records read so far
/// ```
public struct TraceDecodeStream: Sendable {
    private var reader: LogReader
    private var decoder: TraceDecoder?
    private let dialect: ModemDialect?
    private let limits: TraceDecoder.Limits
    /// The bytes of the data record being decoded, reused from one record to the next.
    private var payload: [UInt8] = []
    private var output: [DecodedEvent] = []
    private var outputIndex = 0
    private var finished = false
    private var finishedDecoder = false

    /// Records decoded so far.
    public private(set) var recordCount = 0

    /// - Parameters:
    ///   - dialect: the URCs and finals to decode with; `nil` picks them from the header.
    ///   - format: the log's format (``LogFormat/detect(_:)`` guesses it from the first bytes);
    ///     other tools' logs are imported on the fly.
    public init(dialect: ModemDialect? = nil, format: LogFormat = .modemKitTrace, limits: TraceDecoder.Limits = .init()) {
        self.dialect = dialect
        self.limits = limits
        self.reader = LogReader(format: format)
    }

    /// The trace header, complete once the first event of a record has been returned.
    public var header: TraceHeader { reader.header }

    /// The dialect in use: given, from the header, or generic; `nil` before the first record.
    public var dialectInUse: ModemDialect? { decoder?.dialect }

    /// Adds trace text (any chunking; a line may span calls).
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        reader.append(bytes)
    }

    /// Marks the end of the trace: the last line is read even without LF, and what is still open
    /// is reported.
    public mutating func finish() {
        reader.finish()
        finished = true
    }

    /// The next decoded event, or `nil` when more input (or ``finish()``) is needed.
    public mutating func next() -> DecodedEvent? {
        if outputIndex == output.count {
            guard decodeMore() else { return nil }
        }
        defer { outputIndex += 1 }
        return takeOutput(at: outputIndex)
    }

    /// Calls `body` with every event the input so far completes, in order, as repeated
    /// ``next()`` calls would return them, but without taking each one out of the stream:
    /// `body` reads each event where the decoder made it, before the next one is decoded.
    ///
    /// ```swift
    /// stream.append(chunk)
    /// stream.forEachReady { event in event.writeText(into: &text) }
    /// ```
    public mutating func forEachReady(_ body: (DecodedEvent) -> Void) {
        withoutActuallyEscaping(body) { body in
            var handler = DecodedEventHandler(body: body)
            drainReady(into: &handler)
        }
    }

    /// ``forEachReady(_:)`` for a reader that handles transactions on their own: each one goes
    /// to `transaction`, read where the decoder keeps it (no event is made around it), and
    /// every other event to `other`, all in the order ``next()`` would return them.
    ///
    /// ```swift
    /// stream.forEachReady(transaction: { $0.writeText(into: &text) }, other: { $0.writeText(into: &text) })
    /// ```
    public mutating func forEachReady(transaction: (DecodedTransaction) -> Void, other: (DecodedEvent) -> Void) {
        withoutActuallyEscaping(transaction) { transaction in
            withoutActuallyEscaping(other) { other in
                var handler = SplitEventHandler(transaction: transaction, other: other)
                drainReady(into: &handler)
            }
        }
    }

    /// Hands `handler` every event the input so far completes: first those decoded for
    /// `next()` and not returned yet, then the rest straight from the decoder, with no array
    /// to move them into, read them from and empty again.
    private mutating func drainReady(into handler: inout some DecodedEventSink) {
        output.withUnsafeBufferPointer { events in
            for index in outputIndex..<events.count { handler.append(events[index]) }
        }
        output.removeAll(keepingCapacity: true)
        outputIndex = 0
        while decodeRecord(into: &handler) {}
    }

    /// Empties the output, then decodes records until one completes an event (or reports a
    /// problem); `false` when the input so far holds no more.
    private mutating func decodeMore() -> Bool {
        // Decoded into a local (the storage moves, it is not copied): `self` is mutated too.
        var events: [DecodedEvent] = []
        swap(&events, &output)
        defer { swap(&events, &output) }
        events.removeAll(keepingCapacity: true)
        outputIndex = 0
        while events.isEmpty {
            guard decodeRecord(into: &events) else { return false }
        }
        return true
    }

    /// Reads one record (or the end of the trace, once) and puts what it completes into
    /// `events`; `false` when the input so far holds no more.
    private mutating func decodeRecord(into events: inout some DecodedEventSink) -> Bool {
        guard let raw = reader.next(payload: &payload) else {
            guard finished, !finishedDecoder else { return false }
            finishedDecoder = true
            var decoder = self.decoder ?? TraceDecoder(dialect: dialect ?? .generic, limits: limits)
            decoder.finish(to: &events)
            self.decoder = decoder
            return true
        }
        switch raw {
        case .item:
            switch reader.takeItem() {
            case .error(let error):
                events.append(.problem(DecodeProblem(line: error.line, message: "\(error.kindDescription): \(error.text)")))
            case .record(let record):
                startDecoder()
                decoder?.consume(record, line: reader.lineNumber, to: &events)
            case nil:
                break
            }
        case .data(let direction, let time, let redacted, let count):
            startDecoder()
            decoder?.consume(direction, payload[..<count], redacted: redacted, time: time, line: reader.lineNumber, into: &events)
        }
        return true
    }

    /// Moves an event out of `output`, leaving an empty problem in its place: returning
    /// `output[index]` would copy it (retain each string and array in it) only for
    /// `removeAll` to release them all again.
    private mutating func takeOutput(at index: Int) -> DecodedEvent {
        output.withUnsafeMutableBufferPointer { events in
            let slot = events.baseAddress! + index
            let event = slot.move()
            slot.initialize(to: .problem(DecodeProblem(line: 0, message: "")))
            return event
        }
    }

    /// Counts a record and makes the decoder for the first one, once the header is read.
    private mutating func startDecoder() {
        recordCount += 1
        if decoder == nil {
            decoder = TraceDecoder(dialect: dialect ?? Self.dialect(forProfile: reader.header.profile), limits: limits)
        }
    }

    /// The dialect for a trace's `profile` field: a dialect name (`quectel`), or a virtual-modem
    /// profile name that starts with one (`quectel-bg96`, `ublox-sara-r4`, `simcom-sim800`).
    public static func dialect(forProfile profile: String?) -> ModemDialect {
        guard let profile = profile?.lowercased() else { return .generic }
        if let exact = ModemDialect.named(profile) { return exact }
        let candidates = ModemDialect.all.sorted { $0.name.count > $1.name.count }
        return candidates.first { profile.hasPrefix($0.name) } ?? .generic
    }
}

extension TraceReadError {
    /// The kind of problem, without the line number and text that ``description`` adds.
    var kindDescription: String {
        let full = TraceReadError(line: line, kind: kind, text: "").description
        let withoutLine = full.drop { $0 != ":" }.dropFirst(2)
        return String(withoutLine.hasSuffix(": ") ? withoutLine.dropLast(2) : withoutLine)
    }
}
