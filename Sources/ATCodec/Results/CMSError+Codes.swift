extension CMSError: TabledErrorCode {
    /// Every listed case, in code order, from `.unassignedNumber` (1) to `.unknownError` (500).
    /// `.other` is not included.
    public static let allKnown: [CMSError] = table.rows.map(\.value)

    /// The error for a number: its case when TS 27.005, TS 24.011 or TS 23.040 lists it,
    /// `.other(code)` otherwise. Never fails, whatever the number.
    ///
    ///     +CMS ERROR: 330    → CMSError(code: 330) == .smscAddressUnknown
    ///     +CMS ERROR: 604    → CMSError(code: 604) == .other(604)
    public init(code: Int) {
        self = Self.listed(code: code)
    }

    /// The error for the text after `+CMS ERROR: `, or `nil` when the text is in no table.
    ///
    /// Texts are compared without regard to case, spaces, hyphens and other punctuation (see
    /// ``ErrorText/matchingKey(_:)``); `(U)SIM` texts also match `SIM` and `USIM`, and older
    /// wordings of the RP-causes are accepted. A text of digits alone is read as a number, as
    /// ``init(code:)`` would.
    ///
    ///     +CMS ERROR: SMSC address unknown      → .smscAddressUnknown
    ///     +CMS ERROR: SIM not inserted          → .simNotInserted
    ///     +CMS ERROR: 500                       → .unknownError
    ///     +CMS ERROR: SMS not ready             → nil
    public init?(verbose: String) {
        guard let error = Self.listed(verbose: verbose) else { return nil }
        self = error
    }

    /// The number sent with `AT+CMEE=1`: `CMSError.smscAddressUnknown.code == 330`.
    public var code: Int { tableCode }

    var otherCode: Int? {
        if case .other(let code) = self { return code }
        return nil
    }

    /// The standard's text: `CMSError.smscAddressUnknown.text` is `"SMSC address unknown"`.
    /// For an unlisted number, what its range is for, e.g. `"reserved RP-cause"` (3),
    /// `"application-specific TP-Failure-Cause"` (0xE0…0xFE), `"manufacturer-specific code"`
    /// (512 and up).
    public var text: String { tableText }

    static func rangeText(for code: Int) -> String {
        switch code {
        case ..<0: return "invalid code"
        case 0...127: return "reserved RP-cause"
        case 0x80...0x8F: return "reserved TP-PID error"
        case 0x90...0x9F: return "reserved TP-DCS error"
        case 0xA0...0xAF: return "reserved TP-Command error"
        case 0xB0...0xDF: return "reserved TP-Failure-Cause"
        case 0xE0...0xFE: return "application-specific TP-Failure-Cause"
        case 256...511: return "reserved code"
        default: return "manufacturer-specific code"
        }
    }

    /// The number and its text: `"+CMS ERROR 330: SMSC address unknown"`.
    public var description: String {
        "+CMS ERROR \(code): \(text)"
    }
}
