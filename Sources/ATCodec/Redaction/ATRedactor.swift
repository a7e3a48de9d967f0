/// Masks secrets (PINs, PUKs, passwords, user names) in AT command text before it is logged
/// or recorded: each secret parameter's content becomes `***`, quotes and commas stay.
///
///     ATRedactor.redact(#"AT+CMEE=1;+CPIN="1234"\#r"#)
///     // (text: #"AT+CMEE=1;+CPIN="***"\#r"#, redacted: true)
///     ATRedactor.redact(Array("AT+CSQ\r".utf8))        // (bytes: unchanged, redacted: false)
///
/// Covered, command names case-insensitive, anywhere in a chunk (also after `;` in a compound
/// line, and in the modem's echo of the command):
///
/// | command                                  | masked parameters                 |
/// |------------------------------------------|-----------------------------------|
/// | `+CPIN=<pin>[,<newpin>]`, `+CPIN2=…`     | 1st, 2nd (PIN; or PUK and new PIN)|
/// | `+CLCK=<fac>,<mode>,<passwd>[,…]`        | 3rd                               |
/// | `+CPWD=<fac>,<oldpwd>,<newpwd>`          | 2nd, 3rd                          |
/// | `+CGAUTH=<cid>,<prot>,<user>,<pass>`     | 3rd, 4th                          |
/// | `+CSTT=<apn>,<user>,<pass>`              | 2nd, 3rd                          |
/// | `+QICSGP=<id>,<type>,<apn>,<user>,<pass>,…` (Quectel) | 4th, 5th             |
/// | `+UPSD=<profile>,2\|3,<user\|pass>` (u-blox) | 3rd, when the tag is 2 or 3   |
/// | `+UAUTHREQ=<cid>,<type>,<user>,<pass>` (u-blox) | 3rd, 4th                   |
/// | `#SGACT=<cid>,<stat>,<user>,<pass>` (Telit) | 3rd, 4th                       |
///
/// Read responses that echo credentials back are masked too when they start a line:
/// `+CGAUTH:`, `+CSTT:`, `+QICSGP: <type>,<apn>,<user>,<pass>,…`, `+UPSD:`, `+UAUTHREQ:`.
/// `+CGDCONT` (the APN) is not secret. Test commands (`AT+CPIN=?`) are left alone.
///
/// Limitation: the redactor sees one chunk at a time; a command split across two chunks
/// (`AT+CPI` | `N="1234"`) is not recognised in either. Callers that see a stream, such as
/// a recording transport, should carry the current line over (see ``secretRanges(in:)``).
///
/// Pure and allocation-light: it allocates only when it has something to mask.
public enum ATRedactor {
    /// What a secret's content is replaced with.
    public static let mask: [UInt8] = Array("***".utf8)

    /// Returns `bytes` with every secret parameter's content replaced by ``mask``, and
    /// whether anything was replaced. Unchanged input is returned as is, without copying.
    public static func redact(_ bytes: [UInt8]) -> (bytes: [UInt8], redacted: Bool) {
        let result = bytes.withUnsafeBufferPointer { redacted($0) }
        guard let result else { return (bytes, false) }
        return (result, true)
    }

    /// The `String` form of ``redact(_:)-([UInt8])``.
    public static func redact(_ text: String) -> (text: String, redacted: Bool) {
        var utf8 = text
        let result = utf8.withUTF8 { redacted($0) }
        guard let result else { return (text, false) }
        return (String(decoding: result, as: UTF8.self), true)
    }

    /// The byte ranges of secret parameter contents in `bytes`, in order, never overlapping.
    /// A parameter cut off by the end of `bytes` runs to the end.
    ///
    ///     ATRedactor.secretRanges(in: Array(#"AT+CPIN="1234""#.utf8))   // [9..<13]
    public static func secretRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachSecretRange(in: buffer) { ranges.append($0) }
        }
        return ranges
    }

    /// Calls `body` with each secret range of ``secretRanges(in:)``, without allocating.
    public static func forEachSecretRange(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "#"),
                let (rule, parametersStart) = matchRule(in: bytes, at: index)
            else {
                index += 1
                continue
            }
            index = scanParameters(in: bytes, from: parametersStart, rule: rule, body)
        }
    }

    // MARK: - Rules

    private enum Secret {
        /// Bit `n` set: parameter `n` (0-based) is secret.
        case parameters(UInt16)
        /// u-blox `+UPSD`: the third parameter, when the second (the tag) is 2 or 3.
        case upsdValue
    }

    private struct Rule {
        /// Upper case, with its `+`/`#`.
        let name: [UInt8]
        /// `=` after the name (a set command) or `:` at the start of a line (a read response).
        let isResponse: Bool
        let secret: Secret

        init(_ name: String, response: Bool = false, _ secret: Secret) {
            self.name = Array(name.utf8)
            self.isResponse = response
            self.secret = secret
        }
    }

    private static func bits(_ indices: Int...) -> Secret {
        .parameters(indices.reduce(0) { $0 | UInt16(1) << UInt16($1) })
    }

    private static let rules: [Rule] = [
        Rule("+CPIN", bits(0, 1)),
        Rule("+CPIN2", bits(0, 1)),
        Rule("+CLCK", bits(2)),
        Rule("+CPWD", bits(1, 2)),
        Rule("+CGAUTH", bits(2, 3)),
        Rule("+CSTT", bits(1, 2)),
        Rule("+QICSGP", bits(3, 4)),
        Rule("+UPSD", .upsdValue),
        Rule("+UAUTHREQ", bits(2, 3)),
        Rule("#SGACT", bits(2, 3)),
        Rule("+CGAUTH", response: true, bits(2, 3)),
        Rule("+CSTT", response: true, bits(1, 2)),
        Rule("+QICSGP", response: true, bits(2, 3)),
        Rule("+UPSD", response: true, .upsdValue),
        Rule("+UAUTHREQ", response: true, bits(2, 3)),
    ]

    /// The rule whose name starts at `index` and the index of its first parameter.
    private static func matchRule(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Rule, Int)? {
        for rule in rules {
            let end = index + rule.name.count
            guard end < bytes.count, matchesName(rule.name, in: bytes, at: index) else { continue }
            if rule.isResponse {
                let atLineStart = index == 0 || bytes[index - 1] == UInt8(ascii: "\r") || bytes[index - 1] == UInt8(ascii: "\n")
                guard atLineStart, bytes[end] == UInt8(ascii: ":") else { continue }
                var start = end + 1
                while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
                return (rule, start)
            }
            guard bytes[end] == UInt8(ascii: "=") else { continue }
            let start = end + 1
            if start < bytes.count, bytes[start] == UInt8(ascii: "?"),
                start + 1 == bytes.count || isTerminator(bytes[start + 1])
            {
                return nil  // test command: AT+CPIN=?
            }
            return (rule, start)
        }
        return nil
    }

    private static func matchesName(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for offset in 0..<name.count {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 0x20 }
            if byte != name[offset] { return false }
        }
        return true
    }

    // MARK: - Parameters

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// Walks `<p0>,<p1>,…` from `start` until `;`, CR, LF or the end; returns where it stopped.
    private static func scanParameters(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, rule: Rule, _ body: (Range<Int>) -> Void
    ) -> Int {
        var position = start
        var parameter = 0
        var upsdTag = -1
        while true {
            var contentStart = position
            var cursor = position
            let contentEnd: Int
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") {
                contentStart = cursor + 1
                cursor = contentStart
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\""),
                    bytes[cursor] != UInt8(ascii: "\r"), bytes[cursor] != UInt8(ascii: "\n")
                {
                    cursor += 1
                }
                contentEnd = cursor
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") { cursor += 1 }
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ","), !isTerminator(bytes[cursor]) {
                    cursor += 1
                }
            } else {
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ","), !isTerminator(bytes[cursor]) {
                    cursor += 1
                }
                contentEnd = cursor
            }

            let isSecret: Bool
            switch rule.secret {
            case .parameters(let mask):
                isSecret = parameter < 16 && mask & (UInt16(1) << UInt16(parameter)) != 0
            case .upsdValue:
                if parameter == 1 { upsdTag = smallInteger(in: bytes, contentStart..<contentEnd) }
                isSecret = parameter == 2 && (upsdTag == 2 || upsdTag == 3)
            }
            if isSecret, contentEnd > contentStart {
                body(contentStart..<contentEnd)
            }

            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") else { return cursor }
            position = cursor + 1
            parameter += 1
        }
    }

    /// The value of 1 to 4 decimal digits (spaces around allowed), or -1.
    private static func smallInteger(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var value = 0
        var digits = 0
        for index in range {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 4 else { return -1 }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 0 ? -1 : value
    }

    /// The redacted copy, or `nil` when there is nothing to mask.
    private static func redacted(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var found = false
        forEachSecretRange(in: buffer) { range in
            if !found {
                found = true
                out.reserveCapacity(buffer.count + mask.count)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<range.lowerBound]))
            out.append(contentsOf: mask)
            copied = range.upperBound
        }
        guard found else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
        return out
    }
}
