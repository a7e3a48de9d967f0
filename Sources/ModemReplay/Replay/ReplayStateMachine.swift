import ATCodec

/// Plays the modem's side of a ``ReplayScript``: matches what the host writes against the
/// recorded writes and says when to emit each recorded reply. Pure: time enters as
/// ``Event/timerFired``, bytes leave as ``Action/emit(_:line:)``.
///
/// ```swift
/// var machine = ReplayStateMachine(script: script, options: .init(matching: .strict, timing: .recorded))
/// machine.handle(.started)                          // [.startTimer(.seconds(2))]: boot URCs come 2 s in
/// machine.handle(.timerFired)                       // [.emit("\r\nRDY\r\n", line: 3)]
/// machine.handle(.written(Array("AT+CSQ\r".utf8)))  // [.startTimer(.milliseconds(21))]
/// machine.handle(.timerFired)                       // [.emit("\r\n+CSQ: 21,99\r\n\r\nOK\r\n", line: 5), .finished]
/// machine.handle(.written(Array("AT\r".utf8)))      // [.mismatch(... "the recorded session has ended" ...)]
/// ```
public struct ReplayStateMachine: Sendable {
    /// How writes are compared with the recording.
    public enum Matching: String, Sendable, Hashable, CaseIterable {
        /// Byte for byte (chunking aside); `***` in redacted writes matches any secret.
        case strict
        /// ASCII case, spaces and tabs ignored; CR, LF and CR LF are the same line end.
        case tolerant
    }

    /// When recorded replies are emitted.
    public enum Timing: Sendable, Hashable {
        /// With the recorded delays.
        case recorded
        /// With the recorded delays multiplied by a factor (0.1: ten times faster).
        case scaled(Double)
        /// At once, without timers (the host sees replies as fast as it reads).
        case immediate
    }

    public struct Options: Sendable, Hashable {
        public var matching: Matching
        public var timing: Timing
        public init(matching: Matching = .strict, timing: Timing = .recorded) {
            self.matching = matching
            self.timing = timing
        }
    }

    public enum Event: Sendable, Hashable {
        /// The player started: replies recorded before the first write (boot URCs) begin.
        case started
        /// The host wrote these bytes.
        case written([UInt8])
        /// The timer of the last ``Action/startTimer(_:)`` fired.
        case timerFired
    }

    public enum Action: Sendable, Hashable {
        /// Send these bytes to the host (the recorded `rx` record at `line`).
        case emit([UInt8], line: Int)
        /// Start a timer; feed ``Event/timerFired`` when it fires.
        case startTimer(Duration)
        /// The host wrote something the recording does not have; the replay stops.
        case mismatch(ReplayMismatch)
        /// Every recorded step was played.
        case finished
    }

    private enum Token: Sendable, Hashable {
        case byte(UInt8)
        /// `***` in a redacted write: any bytes up to the next literal.
        case secret
    }

    private enum State: Sendable, Hashable {
        case idle, waitingForTimer, finished, failed
    }

    public let options: Options
    private let script: ReplayScript
    private var state = State.idle
    private var stepIndex = 0
    private var tokens: [Token] = []
    private var tokenIndex = 0
    /// The step whose write ``tokens`` holds.
    private var tokensStep: Int?
    private var secretLength = 0
    /// Written bytes not matched yet (the host wrote ahead of recorded replies).
    private var ahead: [UInt8] = []
    /// What the host wrote towards the current expected write, for mismatch reports.
    private var currentWrite: [UInt8] = []
    private var lastWrittenWasCR = false

    /// Bytes written ahead of the recording that are kept at most; more is a mismatch.
    public static let maximumAhead = 64 * 1024

    public init(script: ReplayScript, options: Options = Options()) {
        self.script = script
        self.options = options
    }

    /// Steps played so far.
    public var stepsPlayed: Int { stepIndex }

    /// Whether the whole recording was played.
    public var isFinished: Bool { state == .finished }

    public mutating func handle(_ event: Event) -> [Action] {
        var actions: [Action] = []
        switch (state, event) {
        case (.idle, .started):
            advance(into: &actions)
        case (.waitingForTimer, .timerFired):
            guard case .reply(let bytes, _, let line) = script.steps[stepIndex] else { break }
            actions.append(.emit(bytes, line: line))
            stepIndex += 1
            state = .idle
            advance(into: &actions)
        case (.idle, .written(let bytes)), (.waitingForTimer, .written(let bytes)):
            ahead += normalized(bytes)
            if ahead.count > Self.maximumAhead {
                fail(ReplayMismatch(line: currentLine, expected: expectedText, written: Self.text(ahead.prefix(64)),
                                    reason: "the host wrote more than \(Self.maximumAhead) bytes ahead of the recording"), into: &actions)
                break
            }
            if state == .idle { advance(into: &actions) }
        case (.finished, .written(let bytes)):
            fail(ReplayMismatch(line: script.steps.last.map(Self.line) ?? 0, expected: "", written: Self.text(bytes.prefix(64)),
                                reason: "the host wrote after the recorded session ended"), into: &actions)
        default:
            break
        }
        return actions
    }

    // MARK: - Steps

    /// Plays steps until one has to wait: a reply for its timer, an expected write for bytes.
    /// A loop, not recursion, so a host that writes a whole session at once costs no stack.
    private mutating func advance(into actions: inout [Action]) {
        while state == .idle {
            guard stepIndex < script.steps.count else {
                state = .finished
                actions.append(.finished)
                if !ahead.isEmpty {
                    fail(ReplayMismatch(line: script.steps.last.map(Self.line) ?? 0, expected: "", written: Self.text(ahead.prefix(64)),
                                        reason: "the host wrote after the recorded session ended"), into: &actions)
                }
                return
            }
            switch script.steps[stepIndex] {
            case .reply(let bytes, let delay, let line):
                if let wait = scaled(delay), wait > .zero {
                    state = .waitingForTimer
                    actions.append(.startTimer(wait))
                    return
                }
                actions.append(.emit(bytes, line: line))
                stepIndex += 1
            case .expect(let write):
                if tokensStep != stepIndex {
                    tokensStep = stepIndex
                    tokens = Self.tokens(normalized(write.bytes, expected: true), redacted: write.redacted)
                    tokenIndex = 0
                    secretLength = 0
                    currentWrite.removeAll()
                }
                if tokens.isEmpty {
                    // An empty write (or only spaces, in tolerant mode): nothing to wait for.
                    stepIndex += 1
                    continue
                }
                guard matchAhead(into: &actions) else { return }
            }
        }
    }

    /// Matches the bytes written so far against the expected write in progress; `true` when
    /// the write is complete (the step is then done).
    private mutating func matchAhead(into actions: inout [Action]) -> Bool {
        var consumed = 0
        defer { ahead.removeFirst(min(consumed, ahead.count)) }
        while consumed < ahead.count {
            let byte = ahead[consumed]
            switch tokens[tokenIndex] {
            case .byte(let expected) where expected == byte:
                tokenIndex += 1
            case .secret:
                if tokenIndex + 1 < tokens.count, tokens[tokenIndex + 1] == .byte(byte) {
                    tokenIndex += 2
                    secretLength = 0
                } else if secretLength < 256 {
                    secretLength += 1
                } else {
                    fail(mismatch(at: consumed, reason: "a redacted secret longer than 256 bytes"), into: &actions)
                    return false
                }
            case .byte:
                fail(mismatch(at: consumed, reason: "the host wrote something else"), into: &actions)
                return false
            }
            currentWrite.append(byte)
            consumed += 1
            if tokenIndex >= tokens.count {
                stepIndex += 1
                return true
            }
        }
        return false
    }

    private mutating func fail(_ mismatch: ReplayMismatch, into actions: inout [Action]) {
        state = .failed
        actions.append(.mismatch(mismatch))
    }

    private func mismatch(at index: Int, reason: String) -> ReplayMismatch {
        let written = currentWrite + ahead[index..<min(ahead.count, index + 64)]
        return ReplayMismatch(line: currentLine, offset: currentWrite.count, expected: expectedText,
                              written: Self.text(written), reason: reason)
    }

    private var currentLine: Int {
        stepIndex < script.steps.count ? Self.line(script.steps[stepIndex]) : 0
    }

    private var expectedText: String {
        guard stepIndex < script.steps.count, case .expect(let write) = script.steps[stepIndex] else { return "" }
        return Self.text(write.bytes)
    }

    private static func line(_ step: ReplayScript.Step) -> Int {
        switch step {
        case .expect(let write): write.line
        case .reply(_, _, let line): line
        }
    }

    private func scaled(_ delay: Duration) -> Duration? {
        switch options.timing {
        case .recorded: delay
        case .scaled(let factor): factor > 0 ? delay * factor : nil
        case .immediate: nil
        }
    }

    // MARK: - Bytes

    /// In tolerant mode: upper case, no spaces or tabs, LF and CR LF as CR.
    private mutating func normalized(_ bytes: [UInt8], expected: Bool = false) -> [UInt8] {
        guard options.matching == .tolerant else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lastWasCR = expected ? false : lastWrittenWasCR
        for byte in bytes {
            switch byte {
            case 0x20, 0x09:
                continue
            case 0x0D, 0x0A:
                if !lastWasCR { out.append(0x0D) }
                lastWasCR = true
                continue
            case 0x61...0x7A:
                out.append(byte - 0x20)
            default:
                out.append(byte)
            }
            lastWasCR = false
        }
        if !expected { lastWrittenWasCR = lastWasCR }
        return out
    }

    private static func tokens(_ bytes: [UInt8], redacted: Bool) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            if redacted, index + 2 < bytes.count, bytes[index] == 0x2A, bytes[index + 1] == 0x2A, bytes[index + 2] == 0x2A {
                tokens.append(.secret)
                index += 3
            } else {
                tokens.append(.byte(bytes[index]))
                index += 1
            }
        }
        return tokens
    }

    /// Bytes as mismatch reports show them (the codec's escaping: `AT+CSQ\r`).
    static func text(_ bytes: some Collection<UInt8>) -> String {
        ATText.escaped(bytes)
    }
}

/// Where a replay diverged from the recording.
///
///     line 12: expected 'AT+CSQ\r', the host wrote 'AT+CREG?\r' (at byte 3 of the write): the host wrote something else
public struct ReplayMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trace line of the expected write (or of the last record, past the end).
    public var line: Int
    /// How many bytes of the expected write matched before the difference.
    public var offset: Int
    /// The recorded write, escaped.
    public var expected: String
    /// What the host wrote instead, escaped (at most 64 bytes past the difference).
    public var written: String
    public var reason: String

    public init(line: Int, offset: Int = 0, expected: String, written: String, reason: String) {
        self.line = line
        self.offset = offset
        self.expected = expected
        self.written = written
        self.reason = reason
    }

    public var description: String {
        if expected.isEmpty { return "line \(line): \(reason): '\(written)'" }
        return "line \(line): expected '\(expected)', the host wrote '\(written)' (at byte \(offset) of the write): \(reason)"
    }
}
