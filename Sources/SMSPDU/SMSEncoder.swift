/// Chooses the cheapest encoding for a text and splits it into parts (TS 23.040 §9.2.3.24.1,
/// TS 23.038): GSM 7-bit, then 7-bit with a national shift table among `allowedLanguages`, then
/// UCS-2. Limits: 160/153 septets, 70/67 UTF-16 units (fewer with shift-table elements or
/// 16-bit references). Parts never end inside an escape sequence, a surrogate pair or, when
/// possible, a grapheme cluster.
///
///     let plan = try SMSEncoder.plan("Çok güzel şey", options: .init(allowedLanguages: [.turkish]))
///     plan.encoding   // .gsm7(lockingShift: .turkish, singleShift: nil): Ç, ü, ş are one septet each
///     try SMSEncoder.plan("😀", options: .init(preference: .gsm7))   // throws unrepresentable("😀") at 0
public enum SMSEncoder {
    public struct Options: Sendable, Hashable {
        public enum Preference: Sendable, Hashable { case automatic, gsm7, ucs2 }
        public var preference: Preference
        /// National tables the receiver is known to support (none by default: many phones lack them).
        public var allowedLanguages: [NationalLanguage]
        public var uses16BitReference: Bool
        /// Extra elements every part carries (e.g. application ports); they reduce the capacity.
        public var extraElements: [UserDataHeader.Element]
        /// At most this many parts (255 is the protocol's limit).
        public var maxParts: Int

        public init(
            preference: Preference = .automatic, allowedLanguages: [NationalLanguage] = [], uses16BitReference: Bool = false,
            extraElements: [UserDataHeader.Element] = [], maxParts: Int = 255
        ) {
            self.preference = preference
            self.allowedLanguages = allowedLanguages
            self.uses16BitReference = uses16BitReference
            self.extraElements = extraElements
            self.maxParts = min(max(1, maxParts), 255)
        }
    }

    public static func plan(_ text: String, options: Options = Options()) throws(PDUError) -> SMSEncodingPlan {
        if let plan = singlePartPlan(text, options: options) { return plan }
        return try generalPlan(text, options: options)
    }

    /// The common cases without arrays of scalars and costs, or `nil` for ``generalPlan(_:options:)``:
    /// one part in the default alphabet, or, for a text it cannot hold and no national tables to
    /// try, one UCS-2 part. Gives the same plan as the general path (`SMSEncoderFastPathTests`).
    static func singlePartPlan(_ text: String, options: Options) -> SMSEncodingPlan? {
        guard options.extraElements.isEmpty else { return nil }
        var fit = SinglePartFit.unrepresentable
        if options.preference != .ucs2 {
            fit = singlePartDefaultFit(text)
            if case .septets(let units) = fit {
                return SMSEncodingPlan(
                    encoding: .gsm7(lockingShift: nil, singleShift: nil), part: .init(text: text, units: units, capacity: 160),
                    commonElements: [], uses16BitReference: options.uses16BitReference
                )
            }
        }
        let ucs2 = options.preference == .ucs2 || (options.preference == .automatic && options.allowedLanguages.isEmpty)
        guard fit == .unrepresentable, ucs2 else { return nil }
        let units = text.utf16.count
        guard units <= 70 else { return nil }
        return SMSEncodingPlan(
            encoding: .ucs2, part: .init(text: text, units: units, capacity: 70),
            commonElements: [], uses16BitReference: options.uses16BitReference
        )
    }

    /// The encoder's full search: every candidate alphabet, then UCS-2, split into parts.
    static func generalPlan(_ text: String, options: Options) throws(PDUError) -> SMSEncodingPlan {
        let scalars = Array(text.unicodeScalars)
        if options.preference != .ucs2 {
            var best: (plan: SMSEncodingPlan, cost: Int)? = nil
            for alphabet in candidates(options) {
                guard let costs = septetCosts(scalars, alphabet) else { continue }
                var elements: [UserDataHeader.Element] = []
                if let locking = alphabet.lockingShift { elements.append(.nationalLockingShift(locking)) }
                if let single = alphabet.singleShift { elements.append(.nationalSingleShift(single)) }
                let plan = try split(text, scalars, costs, encoding: .gsm7(lockingShift: alphabet.lockingShift, singleShift: alphabet.singleShift),
                                     elements: elements, options: options)
                let cost = plan.partCount * 1000 + plan.totalUnits + headerOctets(elements) * 8 / 7
                if alphabet == GSM7Alphabet() { best = (plan, cost); break }   // the default fits: nothing is cheaper
                if let current = best, current.cost <= cost { continue }
                best = (plan, cost)
            }
            if let best { return best.plan }
            if options.preference == .gsm7 {
                let alphabet = GSM7Alphabet()
                let main = alphabet.mainMap, ext = alphabet.extensionMap
                let bad = scalars.first { alphabet.septets(of: $0, main: main, extension: ext) == nil } ?? " "
                throw GSM7Alphabet.unrepresentable(bad, in: text)
            }
        }
        let costs = scalars.map { $0.utf16.count }
        return try split(text, scalars, costs, encoding: .ucs2, elements: [], options: options)
    }

    enum SinglePartFit: Equatable {
        /// The text fits one part in the default alphabet, in this many septets.
        case septets(Int)
        /// The default alphabet holds the text, but not in one part; or the text is too long for
        /// one part in any alphabet (over 640 UTF-8 bytes), unscanned.
        case tooLong
        /// The default alphabet (with its extension table) lacks a character of the text.
        case unrepresentable
    }

    /// Whether `text` fits one part in the default alphabet.
    static func singlePartDefaultFit(_ text: String) -> SinglePartFit {
        guard text.utf8.count <= 160 * 4 else { return .tooLong }
        var counter = SeptetCounter()
        guard SeptetMap.scan(text, main: SeptetMap.defaultLocking, ext: SeptetMap.defaultSingle, into: &counter) == nil else {
            return .unrepresentable
        }
        return counter.count <= 160 ? .septets(counter.count) : .tooLong
    }

    /// Default first, then for each allowed language single shift, locking shift, both.
    static func candidates(_ options: Options) -> [GSM7Alphabet] {
        var result = [GSM7Alphabet()]
        for language in options.allowedLanguages {
            result.append(GSM7Alphabet(singleShift: language))
            if language.hasLockingShiftTable {
                result.append(GSM7Alphabet(lockingShift: language))
                result.append(GSM7Alphabet(lockingShift: language, singleShift: language))
            }
        }
        return result
    }

    static func septetCosts(_ scalars: [Unicode.Scalar], _ alphabet: GSM7Alphabet) -> [Int]? {
        let main = alphabet.mainMap, ext = alphabet.extensionMap
        var costs: [Int] = []
        costs.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard let (_, second) = alphabet.septets(of: scalar, main: main, extension: ext) else { return nil }
            costs.append(second == nil ? 1 : 2)
        }
        return costs
    }

    static func headerOctets(_ elements: [UserDataHeader.Element]) -> Int {
        guard !elements.isEmpty else { return 0 }
        return elements.reduce(1) { $0 + 2 + $1.wire.1.count }
    }

    static func capacity(_ encoding: SMSEncoding, headerOctets octets: Int) -> Int {
        switch encoding {
        case .gsm7: 160 - (octets == 0 ? 0 : SMSUserData.headerSeptets(octets: octets))
        case .ucs2: (140 - octets) / 2
        }
    }

    static func split(
        _ text: String, _ scalars: [Unicode.Scalar], _ costs: [Int], encoding: SMSEncoding,
        elements: [UserDataHeader.Element], options: Options
    ) throws(PDUError) -> SMSEncodingPlan {
        let common = elements + options.extraElements
        let total = costs.reduce(0, +)
        let single = capacity(encoding, headerOctets: headerOctets(common))
        func plan(_ parts: [SMSEncodingPlan.Part]) -> SMSEncodingPlan {
            SMSEncodingPlan(encoding: encoding, parts: parts, commonElements: common, uses16BitReference: options.uses16BitReference)
        }
        if total <= single {
            return plan([.init(text: text, units: total, capacity: single)])
        }
        let concatenation: UserDataHeader.Element = options.uses16BitReference
            ? .concatenated16(reference: 0, total: 0, sequence: 0) : .concatenated8(reference: 0, total: 0, sequence: 0)
        let limit = capacity(encoding, headerOctets: headerOctets([concatenation] + common))
        // Cut only at grapheme boundaries, unless one cluster alone exceeds a part.
        var boundaries = Set<Int>()
        var position = 0
        for character in text {
            position += character.unicodeScalars.count
            boundaries.insert(position)
        }
        var parts: [SMSEncodingPlan.Part] = []
        var start = 0
        while start < scalars.count {
            var end = start, used = 0, lastBoundary: (end: Int, used: Int)? = nil
            while end < scalars.count, used + costs[end] <= limit {
                used += costs[end]
                end += 1
                if boundaries.contains(end) { lastBoundary = (end, used) }
            }
            if end < scalars.count, let lastBoundary, lastBoundary.end > start {
                (end, used) = lastBoundary
            }
            guard end > start else {
                throw PDUError(.valueOutOfRange(field: "part", value: costs[start]), offset: start)
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            parts.append(.init(text: String(view), units: used, capacity: limit))
            start = end
            if parts.count > options.maxParts {
                throw PDUError(.valueOutOfRange(field: "parts", value: parts.count), offset: start)
            }
        }
        return plan(parts)
    }
}
