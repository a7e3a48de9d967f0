/// The modem side's command-line editor (ITU-T V.250 §5.2): turns the bytes a terminal types
/// into command lines.
///
///     "xyz\rAT+CMEE=1;+CREG=2\r" → .line("+CMEE=1;+CREG=2")   (bytes before "AT" ignored)
///     "AT+CSQ\u{8}\u{8}GMI\r"    → .line("+CGMI")             (S5 backspace edits the line)
///     "A/"                        → .repeatLast                (no terminator needed)
///
/// This is the DCE's input editor, not a response framer: it hunts for the `AT`/`at` prefix,
/// applies backspace, recognises `A/` the moment it is typed and ends a line on the S3
/// character, which a host may change (`ATS3=...`). ``ATFramer`` splits the *modem's* output
/// and never sees these rules, so the two do not overlap. Lines are bounded: a line longer
/// than ``maxLineLength`` is reported as `.overflow` once it ends, never grown.
public struct CommandLineAssembler: Sendable {
    /// What a byte completed.
    public enum Event: Sendable, Equatable {
        /// A command line: the text after `AT`, without the terminator.
        case line([UInt8])
        /// `A/` or `a/`: repeat the last command line.
        case repeatLast
        /// A line longer than ``maxLineLength`` ended; it is not executed.
        case overflow
    }

    private enum State: Sendable {
        case hunting
        case sawA
        case inLine
    }

    /// Command line termination character (S3, 13 by default).
    public var s3: UInt8 = 13
    /// Command line editing (backspace) character (S5, 8 by default).
    public var s5: UInt8 = 8
    public let maxLineLength: Int

    private var state = State.hunting
    private var body: [UInt8] = []
    private var overflowed = false

    public init(maxLineLength: Int = 1024) {
        self.maxLineLength = maxLineLength
    }

    /// Whether part of a line has been typed.
    public var isMidLine: Bool {
        if case .hunting = state { return false }
        return true
    }

    /// Forgets a partly typed line.
    public mutating func reset() {
        state = .hunting
        body.removeAll(keepingCapacity: true)
        overflowed = false
    }

    /// Takes one byte; returns an event when the byte completed one.
    public mutating func feed(_ byte: UInt8) -> Event? {
        switch state {
        case .hunting:
            if byte == UInt8(ascii: "A") || byte == UInt8(ascii: "a") { state = .sawA }
            return nil
        case .sawA:
            switch byte {
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                state = .inLine
                body.removeAll(keepingCapacity: true)
                overflowed = false
            case UInt8(ascii: "/"):
                state = .hunting
                return .repeatLast
            case UInt8(ascii: "A"), UInt8(ascii: "a"):
                state = .sawA
            case s5:
                state = .hunting
            default:
                state = .hunting
            }
            return nil
        case .inLine:
            if byte == s3 {
                state = .hunting
                if overflowed {
                    overflowed = false
                    body.removeAll(keepingCapacity: true)
                    return .overflow
                }
                let line = body
                body.removeAll(keepingCapacity: true)
                return .line(line)
            }
            if byte == s5 || byte == 0x7F {
                if !body.isEmpty { body.removeLast() }
                return nil
            }
            // Stray LF (a host ending lines with CRLF), ESC and other controls are ignored.
            if byte < 0x20 { return nil }
            if body.count >= maxLineLength {
                overflowed = true
                return nil
            }
            body.append(byte)
            return nil
        }
    }
}
