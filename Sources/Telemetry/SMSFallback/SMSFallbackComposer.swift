import SMSPDU

/// Compact SMS text for readings, kept in the GSM 7-bit default alphabet (TS 23.038 §6.2.1) so a
/// part holds 160 septets (153 when concatenated) and every phone and gateway reads it.
///
/// One line per reading: its ID (the first 8 characters, or all of it), its enqueue time in
/// milliseconds, and its payload as compact JSON:
///
///     0b6f3c1e 1764112345123 {"t":21.5}
///     7d1a9f02 1764112405123 {"t":21.7,"site":"K\u00f8ge"}
///
/// The short ID and the time together tell readings apart at the receiver (a reading's full ID
/// is in every other channel's envelope). Characters outside the default alphabet and its
/// extension table are written as JSON `\uXXXX` escapes, so the value the receiver parses is the
/// reading unchanged; extension characters such as `{` count two septets.
///
/// Readings go in order, as many as fit in `maxParts`; the first that does not fit ends the
/// text (it goes in the next one). A reading that does not fit even alone is reported in
/// ``SMSFallbackText/tooLarge`` so the agent can drop it with a reason.
public enum SMSFallbackComposer {
    public struct Options: Sendable, Hashable {
        public enum IDForm: Sendable, Hashable {
            /// The first 8 characters of the ID (8 hex digits of a UUID).
            case short
            /// The whole ID.
            case full
        }

        /// At most this many parts (1...255); 1 is one plain 160-septet SMS.
        public var maxParts: Int
        public var idForm: IDForm
        /// A first line (e.g. the device name), made 7-bit like the rest; `nil` for none.
        public var header: String?

        public init(maxParts: Int = 1, idForm: IDForm = .short, header: String? = nil) {
            self.maxParts = min(max(1, maxParts), 255)
            self.idForm = idForm
            self.header = header
        }
    }

    /// The text for as many of `readings` as fit, from the first.
    public static func compose(_ readings: [TelemetryReading], options: Options = Options()) -> SMSFallbackText {
        var result = SMSFallbackText()
        let header = options.header.map { sevenBit($0, json: false) }
        var text = header ?? ""
        for reading in readings {
            let line = line(for: reading, idForm: options.idForm)
            let alone = header.map { $0 + "\n" + line } ?? line
            guard let single = plan(alone, options) else {
                result.tooLarge.append(.init(id: reading.id, septets: septets(alone)))
                continue
            }
            let candidate = text.isEmpty ? line : text + "\n" + line
            guard let plan = result.included.isEmpty ? single : plan(candidate, options) else { break }
            text = candidate
            result.text = text
            result.included.append(reading.id)
            result.partCount = plan.partCount
        }
        return result
    }

    /// One reading's line: `<id> <enqueuedAt> <compact JSON>`, default alphabet only.
    public static func line(for reading: TelemetryReading, idForm: Options.IDForm = .short) -> String {
        let id = sevenBit(idForm == .short ? String(reading.id.prefix(8)) : reading.id, json: false)
        return "\(id) \(reading.enqueuedAt) " + sevenBit(String(decoding: reading.payload, as: UTF8.self), json: true)
    }

    /// `text` with everything outside the default alphabet (and its extension table) escaped as
    /// JSON `\uXXXX` (`json`) or replaced by `?`.
    static func sevenBit(_ text: String, json: Bool) -> String {
        let alphabet = GSM7Alphabet()
        let mustEscape = { (scalar: Unicode.Scalar) in !alphabet.canEncode(String(scalar)) }
        if json { return CompactJSON.text(Array(text.utf8), escaping: mustEscape) }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { mustEscape($0) || $0 == "\n" ? "?" : $0 }))
    }

    static func plan(_ text: String, _ options: Options) -> SMSEncodingPlan? {
        try? SMSEncoder.plan(text, options: .init(preference: .gsm7, maxParts: options.maxParts))
    }

    static func septets(_ text: String) -> Int {
        (try? GSM7Alphabet().septets(text).count) ?? text.unicodeScalars.count
    }
}

/// What ``SMSFallbackComposer/compose(_:options:)`` made.
public struct SMSFallbackText: Sendable, Hashable {
    public struct TooLarge: Sendable, Hashable {
        public var id: String
        /// Septets its line needs (a part holds 160, concatenated parts 153 each).
        public var septets: Int

        public init(id: String, septets: Int) {
            self.id = id
            self.septets = septets
        }
    }

    /// The message; empty when no reading fits.
    public var text = ""
    /// IDs of the readings in ``text``, in order.
    public var included: [String] = []
    /// Readings too large for `maxParts` even alone.
    public var tooLarge: [TooLarge] = []
    /// Parts the text is sent in.
    public var partCount = 0

    public init() {}
}
