import ATCodec
import ModemTrace

/// What `modemkit replay report` draws, gathered from decoded events one at a time in bounded
/// memory: registration changes, signal readings, markers (errors, restarts, SMS, data session,
/// sockets) and the rows of the transaction table, each capped.
///
/// ```swift
/// var report = TraceReport()
/// while let event = stream.next() { report.add(event) }
/// let html = report.html(title: "field.trace")     // one self-contained page
/// ```
public struct TraceReport: Sendable {
    /// How much the report keeps; what is past a cap is counted and said in the page.
    public struct Limits: Sendable, Hashable {
        public var rows: Int
        public var points: Int
        public var markers: Int
        /// Characters kept of one text (command, line) in the page.
        public var textLength: Int

        public init(rows: Int = 20_000, points: Int = 20_000, markers: Int = 20_000, textLength: Int = 300) {
            self.rows = rows
            self.points = points
            self.markers = markers
            self.textLength = textLength
        }
    }

    /// One row of the transaction table; `line` (the trace line) is its anchor.
    public struct Row: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case transaction, urc, unexpected, data, event, problem }
        public var kind: Kind
        public var line: Int
        public var time: TraceTime
        public var text: String
        public var result: String
        public var milliseconds: Double?
        public var failed: Bool
        public var details: [String]
    }

    /// A point on the timeline.
    public struct Marker: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case error, reboot, smsSent = "sms-sent", smsReceived = "sms-received", data, socket
        }
        public var kind: Kind
        public var time: TraceTime
        public var line: Int
        public var label: String
        /// The end of what the marker spans (a data-mode session), if it spans time.
        public var end: TraceTime?
    }

    /// A registration status read at a time, for one domain.
    public struct RegistrationPoint: Sendable, Hashable {
        public var domain: Registration.Domain
        public var time: TraceTime
        public var status: Registration.Status
        public var accessTechnology: AccessTechnology?
        public var line: Int
    }

    /// A `+CSQ` reading; `rssi` `nil` is 99 (unknown).
    public struct SignalPoint: Sendable, Hashable {
        public var time: TraceTime
        public var rssi: Int?
        public var line: Int
    }

    public let limits: Limits
    public private(set) var rows: [Row] = []
    public private(set) var markers: [Marker] = []
    public private(set) var registrations: [RegistrationPoint] = []
    public private(set) var signal: [SignalPoint] = []
    /// `+CSQ` readings in the whole trace; ``signal`` holds one in ``signalStride`` of them.
    public private(set) var signalReadings = 0
    public private(set) var signalStride = 1
    private var lastRegistration: [Registration.Domain: RegistrationPoint] = [:]
    /// Per domain, the time of the first change left out: its band stops there instead of
    /// claiming the last kept status until the end of the trace.
    public private(set) var registrationCutoff: [Registration.Domain: TraceTime] = [:]
    /// Rows, markers and registration changes left out because a cap was reached.
    public private(set) var droppedRows = 0
    public private(set) var droppedMarkers = 0
    public private(set) var droppedPoints = 0
    /// Counts over the whole trace, whatever the caps.
    public private(set) var transactionCount = 0
    public private(set) var errorCount = 0
    public private(set) var problemCount = 0
    /// The first and last times seen.
    public private(set) var start: TraceTime?
    public private(set) var end: TraceTime?
    /// The trace lines that have a row (once the table is full, later markers have none to link to).
    public private(set) var rowLines: Set<Int> = []

    public init(limits: Limits = .init()) {
        self.limits = limits
    }

    /// Takes one decoded event into account.
    public mutating func add(_ event: DecodedEvent) {
        switch event {
        case .transaction(let transaction):
            addTransaction(transaction)
        case .urc(let urc):
            see(urc.time)
            addRow(Row(kind: .urc, line: urc.line, time: urc.time, text: clip(urc.text), result: clip(urc.name),
                       milliseconds: nil, failed: false, details: urc.following.prefix(4).map(clip)))
            addURC(urc)
        case .unexpectedLine(let line):
            see(line.time)
            addRow(Row(kind: .unexpected, line: line.line, time: line.time, text: clip(line.text), result: clip(line.reason),
                       milliseconds: nil, failed: false, details: []))
        case .dataSession(let session):
            see(session.start)
            see(session.end)
            let text = "data mode\(session.ppp ? " (PPP)" : "") after \(session.command ?? "no command") → \(session.connect)"
            let result = "\(session.bytesWritten) B written, \(session.bytesRead) B read; \(session.ending)"
            let failed = session.badFrames > 0
            var details = session.frames.prefix(4).map { clip("\($0.direction) \($0.summary)\($0.fcsValid ? "" : " !! bad frame")") }
            if session.frames.count > 4 || session.droppedFrames > 0 {
                details.append("… \(max(0, session.frames.count - 4) + session.droppedFrames) more frames")
            }
            addRow(Row(kind: .data, line: session.line, time: session.start, text: clip(text), result: clip(result),
                       milliseconds: Double(session.end.microseconds - session.start.microseconds) / 1000, failed: failed, details: details))
            addMarker(.data, session.start, session.line, "\(text), \(session.ending)", end: session.end)
        case .annotation(let annotation):
            see(annotation.time)
            addRow(Row(kind: .event, line: annotation.line, time: annotation.time, text: clip("ev \(annotation.name) \(annotation.text)"),
                       result: "", milliseconds: nil, failed: false, details: []))
            if annotation.name == "reboot" {
                addMarker(.reboot, annotation.time, annotation.line, "reboot \(annotation.text)")
            } else if annotation.name == "error" {
                addMarker(.error, annotation.time, annotation.line, "error \(annotation.text)")
            }
        case .problem(let problem):
            problemCount += 1
            let time = end ?? .zero
            addRow(Row(kind: .problem, line: problem.line, time: time, text: clip(problem.message), result: "not decoded",
                       milliseconds: nil, failed: true, details: []))
            addMarker(.error, time, problem.line, "not decoded: \(problem.message)")
        }
    }

    private mutating func addTransaction(_ transaction: DecodedTransaction) {
        transactionCount += 1
        see(transaction.start)
        see(transaction.end)
        let result = transaction.final.map { "\($0)" } ?? "no final result (\(transaction.unfinished ?? "unknown"))"
        var details = transaction.lines.prefix(4).map(clip)
        if transaction.lines.count > 4 || transaction.droppedLines > 0 {
            details.append("… \(transaction.lines.count - 4 + transaction.droppedLines) more lines")
        }
        for urc in transaction.urcs.prefix(4) { details.append(clip("URC \(urc.text)")) }
        let failed = !transaction.succeeded
        addRow(Row(kind: .transaction, line: transaction.line, time: transaction.start, text: clip(transaction.command), result: clip(result),
                   milliseconds: Double(transaction.end.microseconds - transaction.start.microseconds) / 1000, failed: failed, details: details))
        if failed {
            errorCount += 1
            addMarker(.error, transaction.start, transaction.line, "\(transaction.command) → \(result)")
        }
        if let kind = Self.activity(ofCommand: transaction.command) {
            addMarker(kind, transaction.start, transaction.line, transaction.command)
        }
        observe(transaction.observations, time: transaction.start, line: transaction.line)
        for urc in transaction.urcs { addURC(urc, rowLine: transaction.line) }
    }

    private mutating func addURC(_ urc: DecodedURC, rowLine: Int? = nil) {
        let line = rowLine ?? urc.line
        if let kind = Self.activity(ofURC: urc.name, text: urc.text) {
            addMarker(kind, urc.time, line, urc.text)
        }
        observe(urc.observations, time: urc.time, line: line)
    }

    private mutating func observe(_ observations: [Observation], time: TraceTime, line: Int) {
        for observation in observations {
            switch observation {
            case .registration(let registration):
                // Only changes of status or access technology start a new band segment.
                let last = lastRegistration[registration.domain]
                if let last, last.status == registration.status, last.accessTechnology == registration.accessTechnology { continue }
                guard registrations.count < limits.points else {
                    droppedPoints += 1
                    if registrationCutoff[registration.domain] == nil { registrationCutoff[registration.domain] = time }
                    continue
                }
                let point = RegistrationPoint(domain: registration.domain, time: time, status: registration.status,
                                              accessTechnology: registration.accessTechnology, line: line)
                lastRegistration[registration.domain] = point
                registrations.append(point)
            case .signal(let reading):
                addSignal(SignalPoint(time: time, rssi: reading.rssi, line: line))
            case .sms(let sms):
                let received = sms.kind == "deliver" || sms.kind == "status-report"
                addMarker(received ? .smsReceived : .smsSent, time, line, sms.description)
            case .restart(let why):
                addMarker(.reboot, time, line, "restart (\(why))")
            }
        }
    }

    /// Data-session and socket commands, by their name.
    static func activity(ofCommand command: String) -> Marker.Kind? {
        let upper = command.uppercased()
        let data = ["+CGACT", "+CGATT", "+CGDCONT", "+QIACT", "+QIDEACT", "+CIICR", "+CSTT", "+CIPSHUT", "+UPSD", "+CGDATA", "+NETOPEN", "+NETCLOSE"]
        let socket = ["+CIPSTART", "+CIPSEND", "+CIPCLOSE", "+CIPRXGET", "+CIPOPEN", "+QIOPEN", "+QISEND", "+QICLOSE", "+QIRD",
                      "+USOCR", "+USOCO", "+USOWR", "+USORD", "+USOCL", "+USOST", "+USORF"]
        if upper.hasPrefix("ATD*99") { return .data }
        if data.contains(where: { upper.hasPrefix("AT" + $0) }) { return .data }
        if socket.contains(where: { upper.hasPrefix("AT" + $0) }) { return .socket }
        return nil
    }

    /// Data-session and socket URCs.
    static func activity(ofURC name: String, text: String) -> Marker.Kind? {
        let name = name.uppercased()
        if name == "+QIURC", text.contains("pdpdeact") { return .data }
        return switch name {
        case "+CGEV", "+UUPSDA", "+UUPSDD", "+PDP DEACT": .data
        case "+QIURC", "+QIOPEN", "+UUSORD", "+UUSORF", "+UUSOCL", "+CIPRXGET", "+RECEIVE", "+IPD", "+CIPCLOSE", "+CIPOPEN": .socket
        default: nil
        }
    }

    private mutating func see(_ time: TraceTime) {
        if start == nil || time < start! { start = time }
        if end == nil || time > end! { end = time }
    }

    private mutating func addRow(_ row: Row) {
        guard rows.count < limits.rows else { droppedRows += 1; return }
        rows.append(row)
        rowLines.insert(row.line)
    }

    private mutating func addMarker(_ kind: Marker.Kind, _ time: TraceTime, _ line: Int, _ label: String, end: TraceTime? = nil) {
        guard markers.count < limits.markers else { droppedMarkers += 1; return }
        markers.append(Marker(kind: kind, time: time, line: line, label: clip(label), end: end))
    }

    /// Keeps at most `limits.points` signal readings spread over the whole trace: when the list
    /// is full, every other reading is dropped and from then on only one in `signalStride` is taken.
    private mutating func addSignal(_ point: SignalPoint) {
        defer { signalReadings += 1 }
        guard signalReadings % signalStride == 0 else { return }
        if signal.count >= max(limits.points, 2) {
            signal = signal.enumerated().compactMap { $0.offset % 2 == 0 ? $0.element : nil }
            signalStride *= 2
            guard signalReadings % signalStride == 0 else { return }
        }
        signal.append(point)
    }

    private func clip(_ text: some StringProtocol) -> String {
        text.count > limits.textLength ? String(text.prefix(limits.textLength)) + "…" : String(text)
    }
}
