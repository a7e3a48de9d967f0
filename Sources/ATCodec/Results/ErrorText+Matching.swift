/// Matching of the verbose texts that follow `+CME ERROR: ` and `+CMS ERROR: ` (`AT+CMEE=2`)
/// against the numeric tables of TS 27.007 §9.2 and TS 27.005 §3.2.5.
///
/// Vendors print the standard texts with their own capitalisation, spacing, hyphens and
/// trailing punctuation, and with British or American spelling:
///
///     +CME ERROR: operation not allowed          (SIM800)
///     +CME ERROR: Operation not allowed          (SARA-R4)
///     +CME ERROR: Network not allowed, emergency calls only
///     +CME ERROR: PH_SIM PIN required
///
/// so texts are compared by a *matching key*: the ASCII letters (lowercased) and digits of the
/// text, everything else dropped. All of the lines above then meet the table's key.
enum ErrorText {
    /// One row of an error table: the case, its number on the wire, the standard's text and
    /// any other wording seen for the same number.
    struct Row<Value: Hashable & Sendable>: Sendable {
        let value: Value
        let code: Int
        let text: String
        let aliases: [String]

        init(_ value: Value, _ code: Int, _ text: String, aliases: [String] = []) {
            self.value = value
            self.code = code
            self.text = text
            self.aliases = aliases
        }
    }

    /// The lookups derived, once, from a table of rows, so that a number, a case and a text can
    /// never disagree: each is read from the same row.
    struct Table<Value: Hashable & Sendable>: Sendable {
        /// The rows in code order.
        let rows: [Row<Value>]
        private let rowIndexByCode: [Int: Int]
        private let rowIndexByValue: [Value: Int]
        private let valueByKey: [String: Value]

        /// Indexes `rows`. When two rows share a number, a case or a matching key, the first
        /// row wins (the standards reuse a few texts, e.g. "congestion" for 122 and 157).
        init(_ rows: [Row<Value>]) {
            self.rows = rows
            var byCode: [Int: Int] = [:]
            var byValue: [Value: Int] = [:]
            var byKey: [String: Value] = [:]
            // Standard texts first, so an alias never shadows another row's own text.
            for (index, row) in rows.enumerated() {
                if byCode[row.code] == nil { byCode[row.code] = index }
                if byValue[row.value] == nil { byValue[row.value] = index }
                for spelling in ErrorText.spellings(of: row.text) {
                    let key = ErrorText.matchingKey(spelling)
                    if !key.isEmpty, byKey[key] == nil { byKey[key] = row.value }
                }
            }
            for row in rows {
                for alias in row.aliases {
                    for spelling in ErrorText.spellings(of: alias) {
                        let key = ErrorText.matchingKey(spelling)
                        if !key.isEmpty, byKey[key] == nil { byKey[key] = row.value }
                    }
                }
            }
            rowIndexByCode = byCode
            rowIndexByValue = byValue
            valueByKey = byKey
        }

        /// The row for a number, if the table lists it.
        func row(code: Int) -> Row<Value>? {
            rowIndexByCode[code].map { rows[$0] }
        }

        /// The row for a case, if the table lists it.
        func row(for value: Value) -> Row<Value>? {
            rowIndexByValue[value].map { rows[$0] }
        }

        /// The case whose text (or alias) has the same matching key as `text`.
        func value(matching text: some StringProtocol) -> Value? {
            let key = ErrorText.matchingKey(text)
            return key.isEmpty ? nil : valueByKey[key]
        }
    }

    /// The matching key of a text: its ASCII letters lowercased and its ASCII digits, in order;
    /// spaces, punctuation and anything outside ASCII are dropped.
    ///
    ///     "Network not allowed - emergency calls only." → "networknotallowedemergencycallsonly"
    static func matchingKey(_ text: some StringProtocol) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                key.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                key.append(byte + 0x20)
            default:
                continue
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// The value of a text made only of ASCII digits (spaces, tabs, CR and LF around it
    /// allowed), or `nil` for any other text and for numbers too large for `Int`.
    ///
    ///     " 10 " → 10    "10a" → nil    "-1" → nil    "" → nil
    static func decimalValue(_ text: some StringProtocol) -> Int? {
        var value = 0
        var sawDigit = false
        var sawTrailingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                if sawDigit { sawTrailingSpace = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !sawTrailingSpace else { return nil }
                let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
                let (sum, carried) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                guard !overflowed, !carried else { return nil }
                value = sum
                sawDigit = true
            default:
                return nil
            }
        }
        return sawDigit ? value : nil
    }

    /// The ways a table text is spelled in the field: as written, with `(U)SIM` as `SIM` (the
    /// 2G wording most modules keep), and with `-ization` as `-isation`.
    static func spellings(of text: String) -> [String] {
        var spellings = [text]
        if text.contains("(U)SIM") {
            spellings.append(text.replacing("(U)SIM", with: "SIM"))
        }
        for spelling in spellings where spelling.contains("ization") {
            spellings.append(spelling.replacing("ization", with: "isation"))
        }
        return spellings
    }
}

/// What ``CMEError`` and ``CMSError`` share: a table of rows and an `.other(code)` case, from
/// which their number, text and lookups are all derived the same way.
protocol TabledErrorCode: Hashable, Sendable {
    static var table: ErrorText.Table<Self> { get }
    static func other(_ code: Int) -> Self
    /// The number of an `.other` value, `nil` for listed cases.
    var otherCode: Int? { get }
    /// The text for an unlisted number: what its range is for.
    static func rangeText(for code: Int) -> String
}

extension TabledErrorCode {
    static func listed(code: Int) -> Self {
        table.row(code: code)?.value ?? .other(code)
    }

    static func listed(verbose: String) -> Self? {
        if let code = ErrorText.decimalValue(verbose) { return listed(code: code) }
        return table.value(matching: verbose)
    }

    var tableCode: Int {
        if let code = otherCode { return code }
        // Every other case has a row; the error tests check the table covers them all.
        return Self.table.row(for: self)?.code ?? -1
    }

    var tableText: String {
        if let row = Self.table.row(for: self) ?? Self.table.row(code: tableCode) { return row.text }
        return Self.rangeText(for: tableCode)
    }
}
