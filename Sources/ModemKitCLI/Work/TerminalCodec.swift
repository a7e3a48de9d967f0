/// What the terminal session writes for a typed line, and how it shows what the modem prints.
///
///     try TerminalCodec.encode("AT+CSQ")              // "AT+CSQ\r"
///     try TerminalCodec.encode("Hello^Z")             // "Hello" + Ctrl-Z, no CR (ends an SMS)
///     try TerminalCodec.encode("Hi\u{1A}")            // refused: a raw Ctrl-Z in the line
///     TerminalCodec.Renderer().render("\r\nOK\r\n")   // "\nOK\n"
enum TerminalCodec {
    /// A typed line that is not sent: it holds a control character.
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var offset: Int
        var byte: UInt8

        var description: String {
            "the line holds \(TerminalCodec.name(of: byte)) at offset \(offset); not sent " +
                "(end a line with ^Z to send Ctrl-Z, ^[ for ESC, or pass --allow-control)"
        }
    }

    /// The escape that, at the end of a line, sends Ctrl-Z (0x1A) instead of CR: it ends the
    /// text of an SMS after `AT+CMGS`'s `> ` prompt.
    static let ctrlZEscape = "^Z"
    /// The escape that, at the end of a line, sends ESC (0x1B) instead of CR: it cancels an SMS.
    static let escapeEscape = "^["

    /// The bytes to write for one typed line: the line and CR, or the line and Ctrl-Z / ESC
    /// when it ends with `^Z` / `^[`. Control characters inside the line are refused unless
    /// `allowControl` is set.
    static func encode(_ line: String, allowControl: Bool = false) throws(Refusal) -> [UInt8] {
        var text = Substring(line)
        var terminator: UInt8 = 0x0D
        if text.hasSuffix(ctrlZEscape) {
            text = text.dropLast(ctrlZEscape.count)
            terminator = 0x1A
        } else if text.hasSuffix(escapeEscape) {
            text = text.dropLast(escapeEscape.count)
            terminator = 0x1B
        }
        let bytes = Array(text.utf8)
        if !allowControl, let offset = bytes.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw Refusal(offset: offset, byte: bytes[offset])
        }
        return bytes + [terminator]
    }

    static func name(of byte: UInt8) -> String {
        switch byte {
        case 0x00: "NUL"
        case 0x09: "a tab"
        case 0x0A: "LF"
        case 0x0D: "CR"
        case 0x1A: "Ctrl-Z"
        case 0x1B: "ESC"
        case 0x7F: "DEL"
        default: "control character \(hex(byte))"
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Turns modem output into terminal text as it arrives: LF starts a new line, CR is
    /// dropped (as a terminal would return the carriage), printable ASCII is shown as is and
    /// every other byte as `\xNN`, so nothing the modem sends can drive the user's terminal.
    struct Renderer {
        func render(_ bytes: some Sequence<UInt8>) -> String {
            var out = ""
            for byte in bytes {
                switch byte {
                case 0x0A: out += "\n"
                case 0x0D: break
                case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
                default: out += TerminalCodec.hex(byte)
                }
            }
            return out
        }
    }
}
