import ATCodec

/// Splits the body of a command line (the text after `AT`) into commands (ITU-T V.250 §5.3).
///
///     parse("+CMEE=1;+CREG=2")  → [+CMEE set "1", +CREG set "2"]
///     parse("E0V1&FS0=2I3")     → [E "0", V "1", &F "", S0 set "2", I "3"]
///     parse("D*99#")            → [D "*99#"]
///     parse("+CSQ;+COPS?;")     → [+CSQ execute, +COPS read]
///
/// Names are upper-cased; arguments keep their case and quotes, so `ATFields` can split them
/// the way the host side does. Spaces outside quotes are ignored, as V.250 asks.
public enum CommandLineParser {
    /// Characters that start an extended command name.
    static let extendedPrefixes: Set<Character> = ["+", "^", "$", "#", "%", "*"]

    /// Where parsing stopped: the commands before it are still returned, so the modem can run
    /// them and then answer `ERROR`, as V.250 §5.6 describes.
    public struct Failure: Error, Sendable, Equatable {
        /// Byte offset in the body where the unparseable command starts.
        public var offset: Int
        public var reason: String
    }

    public struct Result: Sendable, Equatable {
        public var commands: [ParsedCommand]
        public var failure: Failure?
    }

    public static func parse(_ body: [UInt8]) -> Result {
        var commands: [ParsedCommand] = []
        var index = 0
        let count = body.count

        func upper(_ byte: UInt8) -> UInt8 {
            (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            let b = upper(byte)
            return (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "!") || b == UInt8(ascii: "%")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: ":")
        }
        func skipSpaces() {
            while index < count, body[index] == 0x20 { index += 1 }
        }
        func digits() -> String {
            var text = ""
            skipSpaces()
            while index < count, body[index] >= 0x30, body[index] <= 0x39 {
                text.append(Character(Unicode.Scalar(body[index])))
                index += 1
                skipSpaces()
            }
            return text
        }
        /// Arguments up to `;` outside quotes; trailing spaces outside quotes dropped.
        func arguments() -> String {
            var bytes: [UInt8] = []
            var inQuotes = false
            while index < count {
                let byte = body[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes && byte == UInt8(ascii: ";") { break }
                if inQuotes || byte != 0x20 { bytes.append(byte) }
                index += 1
            }
            return ATText.decode(bytes)
        }
        func fail(_ at: Int, _ reason: String) -> Result {
            Result(commands: commands, failure: Failure(offset: at, reason: reason))
        }

        while index < count {
            skipSpaces()
            guard index < count else { break }
            let start = index
            let byte = upper(body[index])
            if byte == UInt8(ascii: ";") {
                index += 1
                continue
            }
            let character = Character(Unicode.Scalar(byte))
            if extendedPrefixes.contains(character) {
                index += 1
                var name = String(character)
                while index < count, isNameByte(body[index]) {
                    name.append(Character(Unicode.Scalar(upper(body[index]))))
                    index += 1
                }
                guard name.count > 1 else { return fail(start, "an extended command has no name") }
                skipSpaces()
                if index < count, body[index] == UInt8(ascii: "=") {
                    index += 1
                    skipSpaces()
                    if index < count, body[index] == UInt8(ascii: "?") {
                        index += 1
                        commands.append(ParsedCommand(name: name, kind: .test))
                    } else {
                        commands.append(ParsedCommand(name: name, kind: .set, arguments: arguments()))
                    }
                } else if index < count, body[index] == UInt8(ascii: "?") {
                    index += 1
                    commands.append(ParsedCommand(name: name, kind: .read))
                } else {
                    commands.append(ParsedCommand(name: name, kind: .execute))
                }
                skipSpaces()
                if index < count, body[index] != UInt8(ascii: ";") {
                    return fail(index, "text after \(name) where ';' was expected")
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "D"):
                // The dial string is the rest of the line (a trailing ';' means a voice call).
                index += 1
                commands.append(ParsedCommand(name: "D", kind: .execute, arguments: ATText.decode(Array(body[index...]))))
                index = count
            case UInt8(ascii: "S"):
                index += 1
                let number = digits()
                guard !number.isEmpty else { return fail(start, "S without a register number") }
                let name = "S" + String(Int(number) ?? 0)
                skipSpaces()
                if index < count, body[index] == UInt8(ascii: "=") {
                    index += 1
                    if index < count, body[index] == UInt8(ascii: "?") {
                        index += 1
                        commands.append(ParsedCommand(name: name, kind: .test))
                    } else {
                        commands.append(ParsedCommand(name: name, kind: .set, arguments: digits()))
                    }
                } else if index < count, body[index] == UInt8(ascii: "?") {
                    index += 1
                    commands.append(ParsedCommand(name: name, kind: .read))
                } else {
                    commands.append(ParsedCommand(name: name, kind: .execute))
                }
            case UInt8(ascii: "&"):
                index += 1
                skipSpaces()
                guard index < count else { return fail(start, "& without a command letter") }
                let letter = upper(body[index])
                guard letter >= 0x41, letter <= 0x5A else { return fail(start, "& followed by a non-letter") }
                index += 1
                commands.append(ParsedCommand(name: "&" + String(Character(Unicode.Scalar(letter))), kind: .execute, arguments: digits()))
            case 0x41...0x5A:
                index += 1
                let name = String(character)
                skipSpaces()
                if index < count, body[index] == UInt8(ascii: "?") {
                    index += 1
                    commands.append(ParsedCommand(name: name, kind: .read))
                } else {
                    commands.append(ParsedCommand(name: name, kind: .execute, arguments: digits()))
                }
            default:
                return fail(start, "unexpected character")
            }
        }
        return Result(commands: commands, failure: nil)
    }
}
