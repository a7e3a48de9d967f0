/// Rewrites a JSON text without insignificant whitespace, escaping characters a channel cannot
/// carry so that the value stays the same (RFC 8259 §7: any character may be `\uXXXX`).
///
///     CompactJSON.text(Array(#"{ "t" : 21.5,\n "n": "x`y" }"#.utf8)) { $0 == "`" }
///     // {"t":21.5,"n":"x\u0060y"}
///
/// Inside strings an escaped character becomes `\uXXXX` (two for a scalar beyond U+FFFF);
/// outside strings, where valid JSON has only ASCII, it becomes `?`. Bytes that are not UTF-8
/// become U+FFFD first. Never traps, whatever the bytes.
public enum CompactJSON {
    public static func text(_ json: [UInt8], escaping mustEscape: (Unicode.Scalar) -> Bool) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var afterBackslash = false
        for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
            if inString {
                if afterBackslash {
                    afterBackslash = false
                } else if scalar == "\\" {
                    afterBackslash = true
                } else if scalar == "\"" {
                    inString = false
                } else if mustEscape(scalar) || scalar.value < 0x20 {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                    }
                    continue
                }
                out.append(scalar)
            } else {
                switch scalar {
                case " ", "\t", "\n", "\r":
                    continue
                case "\"":
                    inString = true
                    out.append(scalar)
                default:
                    out.append(mustEscape(scalar) || scalar.value < 0x20 ? "?" : scalar)
                }
            }
        }
        return String(out)
    }
}
