extension CMEError: TabledErrorCode {
    /// Every listed case, in code order, from `.phoneFailure` (0) to
    /// `.wirelineAccessAreaNotAllowed` (233). `.other` is not included.
    public static let allKnown: [CMEError] = table.rows.map(\.value)

    /// The error for a number: its case when TS 27.007 lists it, `.other(code)` otherwise.
    /// Never fails, whatever the number.
    ///
    ///     +CME ERROR: 10     → CMEError(code: 10)  == .simNotInserted
    ///     +CME ERROR: 515    → CMEError(code: 515) == .other(515)
    public init(code: Int) {
        self = Self.listed(code: code)
    }

    /// The error for the text after `+CME ERROR: `, or `nil` when the text is in no table.
    ///
    /// Texts are compared without regard to case, spaces, hyphens, underscores and other
    /// punctuation (see ``ErrorText/matchingKey(_:)``); the EPS and 5GS names of the
    /// packet-domain causes, British spellings and a few vendor wordings are also accepted.
    /// A text of digits alone is read as a number, as ``init(code:)`` would.
    ///
    ///     +CME ERROR: SIM not inserted          → .simNotInserted     (SIM800)
    ///     +CME ERROR: Operation not allowed     → .operationNotAllowed (SARA-R4)
    ///     +CME ERROR: unknown                   → .unknownError       (SIM800)
    ///     +CME ERROR: 14                        → .simBusy
    ///     +CME ERROR: please wait               → nil
    public init?(verbose: String) {
        guard let error = Self.listed(verbose: verbose) else { return nil }
        self = error
    }

    /// The number sent with `AT+CMEE=1`: `CMEError.simNotInserted.code == 10`.
    public var code: Int { tableCode }

    var otherCode: Int? {
        if case .other(let code) = self { return code }
        return nil
    }

    /// The standard's text, as sent with `AT+CMEE=2`: `CMEError.simNotInserted.text` is
    /// `"SIM not inserted"`. For an unlisted number, what its range is for: `"reserved code"`
    /// below 256, `"manufacturer-specific code"` from 256.
    public var text: String { tableText }

    static func rangeText(for code: Int) -> String {
        switch code {
        case ..<0: return "invalid code"
        case 0..<256: return "reserved code"
        default: return "manufacturer-specific code"
        }
    }

    /// The number and its text: `"+CME ERROR 10: SIM not inserted"`.
    public var description: String {
        "+CME ERROR \(code): \(text)"
    }
}
