import ATCodec
import ModemDialects
import ModemTrace

/// Turns trace records into transactions, URCs and observations, one record at a time.
///
/// Pure and incremental: it holds the command in flight, a partial line in each direction and a
/// few last-seen states (registration per domain, signal, SMS mode), so memory stays constant
/// however long the trace. Modem output is split by the codec's ``ATFramer`` and classified by
/// its ``ATLineClassifier`` with the dialect's URCs, exactly as the engine does.
///
/// ```swift
/// var decoder = TraceDecoder(dialect: .quectel)
/// var events: [DecodedEvent] = []
/// decoder.consume(.tx(Array("AT+CSQ\r".utf8), at: TraceTime(microseconds: 0)), line: 2, into: &events)
/// decoder.consume(.rx(Array("\r\n+CSQ: 21,99\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 21_000)), line: 3, into: &events)
/// decoder.finish(into: &events)
/// // events == [.transaction(AT+CSQ, lines ["+CSQ: 21,99"], final .ok, 21 ms, observation signal rssi 21 (-71 dBm))]
/// ```
public struct TraceDecoder: Sendable {
    /// Bounds that keep memory constant on hostile input.
    public struct Limits: Sendable, Hashable {
        /// Information lines kept per transaction; more are counted, not kept.
        public var linesPerTransaction: Int
        /// URCs kept per transaction; more are emitted on their own.
        public var urcsPerTransaction: Int
        /// The longest command line or prompt payload kept.
        public var commandLength: Int
        /// PPP frames kept per data-mode session; more are counted, not kept.
        public var framesPerSession: Int

        public init(linesPerTransaction: Int = 10_000, urcsPerTransaction: Int = 1_000, commandLength: Int = 16_384,
                    framesPerSession: Int = 1_000) {
            self.linesPerTransaction = max(1, linesPerTransaction)
            self.urcsPerTransaction = max(0, urcsPerTransaction)
            self.commandLength = max(64, commandLength)
            self.framesPerSession = max(0, framesPerSession)
        }
    }

    /// A command written, not yet answered (its transaction is ``transaction``).
    struct Pending: Sendable {
        var shape: CommandShape
        /// The payload is being written (after the command line, until Ctrl-Z or ESC).
        var collectingPayload: Bool
        /// The header of the last `+CMGR:`/`+CMGL:` line: the next bare line is its PDU.
        var messageHeader: String?
    }

    /// A URC waiting for the lines or bytes that belong to it.
    struct PendingURC: Sendable {
        var urc: DecodedURC
        var linesLeft: Int
        var bytesLeft: Int
        /// Its registry entry announces a restart.
        var powerOn: Bool
    }

    public let dialect: ModemDialect
    public let limits: Limits
    let classifier: ATLineClassifier
    var framer = ATFramer()
    var pending: Pending?
    /// The transaction of the command in flight while `pending` is set. Kept from one command to
    /// the next and emptied, not made anew, so its arrays' storage is reused once the events
    /// handed out before have been let go; and kept outside `Pending`, so that reading the
    /// command's shape does not copy it.
    var transaction = DecodedTransaction.empty
    var pendingURC: PendingURC?
    var commandLine: [UInt8] = []
    /// Texts and shapes of the commands seen, by their bytes.
    var commands = KnownCommands()
    var commandRedacted = false
    var textMode = false
    var registration = RegistrationStates()
    var rssi: Int??
    /// Registration and signal lines already parsed, by their text.
    var parsedLines = ParsedLineCache()
    /// The data-mode segment after `CONNECT`, while it lasts.
    var dataMode: DataMode?
    /// The record being consumed.
    var time = TraceTime.zero
    var line = 0

    public init(dialect: ModemDialect = .generic, limits: Limits = Limits()) {
        self.dialect = dialect
        self.limits = limits
        self.classifier = dialect.classifier
    }

    /// Decodes one record (`line` is its trace line) and appends what it completed to `events`.
    public mutating func consume(_ record: TraceRecord, line: Int, into events: inout [DecodedEvent]) {
        consume(record, line: line, to: &events)
    }

    /// ``consume(_:line:into:)`` into any sink.
    mutating func consume(_ record: TraceRecord, line: Int, to events: inout some DecodedEventSink) {
        switch record.body {
        case .data(let direction, let bytes, let redacted):
            consume(direction, bytes[...], redacted: redacted, time: record.time, line: line, into: &events)
        case .event(let name, let text):
            time = record.time
            self.line = line
            if name == "close" || name == "closed" || name == "error" {
                leaveDataMode(.transportEnded(text.isEmpty ? "ev \(name)" : "ev \(name) \(text)"), into: &events)
            }
            if name == "reboot" {
                restarted(into: &events)
                framer.reset()
            }
            events.append(.annotation(DecodedAnnotation(name: name, text: text, line: line, time: time)))
        }
    }

    /// Decodes the bytes of one data record: ``consume(_:line:into:)`` for a reader that keeps
    /// the bytes in a buffer of its own instead of making a ``TraceRecord``. `bytes` starts at
    /// index 0.
    mutating func consume(_ direction: TraceDirection, _ bytes: ArraySlice<UInt8>, redacted: Bool, time: TraceTime, line: Int,
                          into events: inout some DecodedEventSink) {
        self.time = time
        self.line = line
        switch direction {
        case .tx:
            if dataWritten(bytes, into: &events) { return }
            written(bytes, redacted: redacted, into: &events)
        case .rx:
            framer.append(bytes)
            drainFramer(into: &events)
        }
    }

    /// Marks the end of the trace: whatever is still open is reported as unfinished.
    public mutating func finish(into events: inout [DecodedEvent]) {
        finish(to: &events)
    }

    /// ``finish(into:)`` into any sink.
    mutating func finish(to events: inout some DecodedEventSink) {
        leaveDataMode(.traceEnded, into: &events)
        if !commandLine.isEmpty {
            events.append(.problem(DecodeProblem(
                line: line, message: "the trace ends inside a command line: '\(Self.text(commandLine))' has no CR")))
            commandLine.removeAll()
        }
        if let urc = pendingURC {
            pendingURC = nil
            events.append(.problem(DecodeProblem(
                line: urc.urc.line, message: "the trace ends before the lines or bytes announced by '\(urc.urc.text)'")))
            deliver(urc.urc, powerOn: urc.powerOn, into: &events)
        }
        close(because: "the trace ends before a final result", into: &events)
        if framer.bufferedCount > 0 {
            let count = framer.reset()
            events.append(.problem(DecodeProblem(
                line: line, message: "\(count) bytes of modem output at the end of the trace have no line end")))
        }
    }

    // MARK: - Host → modem

    private mutating func written(_ bytes: ArraySlice<UInt8>, redacted: Bool, into events: inout some DecodedEventSink) {
        var index = 0
        while index < bytes.count {
            if pending?.collectingPayload == true {
                index = collectPayload(bytes, from: index)
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "\r"):
                index += 1
                if !commandLine.isEmpty {
                    startCommand(redacted: redacted || commandRedacted, into: &events)
                }
            case UInt8(ascii: "\n") where commandLine.isEmpty:
                index += 1
            default:
                // Up to the next CR, every byte is part of the command line (an LF too, once
                // the line has begun): taken in one append, within the limit.
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\r") { end += 1 }
                let room = limits.commandLength - commandLine.count
                if room > 0 { commandLine.append(contentsOf: bytes[index..<min(end, index + room)]) }
                commandRedacted = commandRedacted || redacted
                index = end
            }
        }
    }

    private mutating func startCommand(redacted: Bool, into events: inout some DecodedEventSink) {
        close(because: "no final result before the next command", into: &events)
        // Logs repeat the same few commands: their texts and shapes are kept, within a bound.
        let known: (text: String, shape: CommandShape)
        if let found = commands.entry(for: commandLine) {
            known = found
        } else {
            let text = Self.text(commandLine)
            known = commands.add(commandLine, text: text, shape: CommandShape(text, urcs: classifier.urcs))
        }
        let (text, shape) = known
        commandLine.removeAll(keepingCapacity: true)
        commandRedacted = false
        transaction.reset(command: text, redacted: redacted, line: line, time: time)
        pending = Pending(shape: shape, collectingPayload: shape.expectsPrompt)
    }

    /// Takes the payload written after a prompt from `bytes[index...]`, up to and including
    /// Ctrl-Z (send) or ESC (cancel), in one append; returns the index after what it took.
    private mutating func collectPayload(_ bytes: ArraySlice<UInt8>, from index: Int) -> Int {
        guard pending != nil else { return bytes.count }
        let terminator = bytes[index...].firstIndex { $0 == 0x1A || $0 == 0x1B }
        let stop = terminator.map { $0 + 1 } ?? bytes.count
        // Mutated in place: a copy of the transaction per chunk would make long payloads quadratic.
        if transaction.payload == nil { transaction.payload = [] }
        let room = limits.commandLength - transaction.payload!.count
        if room > 0 { transaction.payload!.append(contentsOf: bytes[index..<min(stop, index + room)]) }
        guard let terminator, let payload = transaction.payload else { return stop }
        let command = transaction.command
        pending!.collectingPayload = false
        // The modem may echo the payload: recognise it as an echo, not as a line.
        pending!.shape = pending!.shape.echoing(payload, command: command)
        if bytes[terminator] == 0x1A, let observation = payloadObservation(command, payload.dropLast()) {
            transaction.observations.append(observation)
        }
        return stop
    }

    // MARK: - Ending transactions

    /// Ends the transaction in flight without a final result.
    mutating func close(because reason: String, into events: inout some DecodedEventSink) {
        guard pending != nil else { return }
        pending = nil
        transaction.unfinished = reason
        transaction.end = time
        // The sink may keep a copy (sharing the arrays, which the next `reset` then leaves
        // to it) or only read it where it is.
        events.append(transaction: &transaction)
    }

    mutating func complete(with final: ATFinalResult, into events: inout some DecodedEventSink) {
        guard let shape = pending?.shape else { return }
        pending = nil
        transaction.final = final
        transaction.end = time
        if final.isSuccess, let mode = shape.setsTextMode { textMode = mode }
        events.append(transaction: &transaction)
    }

    /// The modem restarted: the command in flight will get no answer and the states it
    /// reported are gone.
    mutating func restarted(into events: inout some DecodedEventSink) {
        leaveDataMode(.restarted, into: &events)
        close(because: "the modem restarted", into: &events)
        pendingURC = nil
        registration.removeAll()
        rssi = nil
        textMode = false
    }

    static func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension DecodedTransaction {
    /// A transaction with no command, nothing read and no result.
    static var empty: DecodedTransaction {
        DecodedTransaction(
            command: "", redacted: false, line: 0, start: .zero, end: .zero, echoed: false, prompted: false, payload: nil,
            lines: [], droppedLines: 0, urcs: [], final: nil, unfinished: nil, observations: [])
    }

    /// Makes this the transaction of a new command: every field as a new one has it, the arrays
    /// emptied in place (their storage kept while it is small, so a long `+CMGL` answer does
    /// not leave every later transaction with room for thousands of lines).
    mutating func reset(command: String, redacted: Bool, line: Int, time: TraceTime) {
        self.command = command
        self.redacted = redacted
        self.line = line
        start = time
        end = time
        echoed = false
        prompted = false
        payload = nil
        Self.empty(&lines)
        droppedLines = 0
        Self.empty(&urcs)
        final = nil
        unfinished = nil
        Self.empty(&observations)
    }

    private static func empty<Element>(_ array: inout [Element]) {
        if array.isEmpty { return }
        guard array.capacity <= 16 else {
            array = []
            return
        }
        // One element at a time: `removeAll(keepingCapacity:)` goes through the generic
        // `replaceSubrange`, several times slower for the one or two lines most answers have.
        repeat { array.removeLast() } while !array.isEmpty
    }
}
