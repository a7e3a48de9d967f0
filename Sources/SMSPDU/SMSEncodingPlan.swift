/// How a text will be sent, computed before anything is sent: the encoding the encoder chose,
/// the parts, and how much room is left in the last one.
///
///     let plan = try SMSEncoder.plan("Hello €")
///     plan.encoding          // .gsm7(lockingShift: nil, singleShift: nil)
///     plan.partCount         // 1
///     plan.unitsLeftInLastPart   // 152: 160 septets − 8 ("€" takes two)
public struct SMSEncodingPlan: Sendable, Hashable {
    /// One part: its text and what it uses.
    public struct Part: Sendable, Hashable {
        public var text: String
        /// Septets (GSM 7-bit, escapes counted) or UTF-16 code units (UCS-2).
        public var units: Int
        /// Septets or UTF-16 units this part could hold with its header.
        public var capacity: Int
    }

    public var encoding: SMSEncoding
    /// The parts, in order.
    public var parts: [Part] {
        get { storage.parts }
        set { storage = PartStorage(newValue) }
    }
    /// One part is kept without an array (most plans have one: no allocation for it).
    private var storage: PartStorage
    /// Header elements every part carries besides concatenation (shift tables, ports).
    public var commonElements: [UserDataHeader.Element]
    /// 16-bit concatenation references (IEI 0x08) instead of 8-bit (IEI 0x00).
    public var uses16BitReference: Bool

    init(encoding: SMSEncoding, parts: [Part], commonElements: [UserDataHeader.Element], uses16BitReference: Bool) {
        self.init(encoding: encoding, storage: PartStorage(parts), commonElements: commonElements, uses16BitReference: uses16BitReference)
    }

    /// A plan of one part, without an array.
    init(encoding: SMSEncoding, part: Part, commonElements: [UserDataHeader.Element], uses16BitReference: Bool) {
        self.init(encoding: encoding, storage: .one(part), commonElements: commonElements, uses16BitReference: uses16BitReference)
    }

    private init(encoding: SMSEncoding, storage: PartStorage, commonElements: [UserDataHeader.Element], uses16BitReference: Bool) {
        self.encoding = encoding
        self.storage = storage
        self.commonElements = commonElements
        self.uses16BitReference = uses16BitReference
    }

    public var partCount: Int { storage.count }

    /// Septets or UTF-16 units the last part has room for (a GSM extension character needs two
    /// septets, an emoji two UTF-16 units).
    public var unitsLeftInLastPart: Int {
        guard let last = storage.last else { return 0 }
        return last.capacity - last.units
    }

    /// Units of text over all parts.
    public var totalUnits: Int { (0..<storage.count).reduce(0) { $0 + storage[$1].units } }

    /// The DCS for these parts; `messageClass` gives e.g. class 0 (flash).
    public func dataCodingScheme(messageClass: DataCodingScheme.MessageClass? = nil) -> DataCodingScheme {
        switch encoding {
        case .gsm7: DataCodingScheme(alphabet: .gsm7, messageClass: messageClass)
        case .ucs2: DataCodingScheme(alphabet: .ucs2, messageClass: messageClass)
        }
    }

    /// The user data of each part; concatenated parts get the reference, total and sequence number.
    public func userData(reference: UInt16 = 0) -> [SMSUserData] {
        (0..<storage.count).map { userData(part: $0, reference: reference) }
    }

    /// The user data of part `index` (0-based).
    public func userData(part index: Int, reference: UInt16 = 0) -> SMSUserData {
        var elements: [UserDataHeader.Element] = []
        if storage.count > 1 {
            let total = UInt8(truncatingIfNeeded: storage.count)
            let sequence = UInt8(truncatingIfNeeded: index + 1)
            elements.append(uses16BitReference
                ? .concatenated16(reference: reference, total: total, sequence: sequence)
                : .concatenated8(reference: UInt8(truncatingIfNeeded: reference), total: total, sequence: sequence))
        }
        elements += commonElements
        return SMSUserData(header: elements.isEmpty ? nil : UserDataHeader(elements: elements), body: .text(storage[index].text))
    }

    /// SMS-SUBMITs for every part, from `template` (destination, validity, report request…).
    ///
    ///     let submits = try SMSEncoder.plan(text).submits(to: SMSAddress("+31628870634"), reference: 7)
    ///     let wire = try SMSPDU(tpdu: .submit(submits[0])).encoded()   // AT+CMGS=\(wire.tpduLength)
    public func submits(
        to destination: SMSAddress, reference: UInt16 = 0, messageClass: DataCodingScheme.MessageClass? = nil,
        template: SMSSubmit? = nil
    ) -> [SMSSubmit] {
        let scheme = dataCodingScheme(messageClass: messageClass)
        return (0..<storage.count).map { index in
            let userData = userData(part: index, reference: reference)
            guard var submit = template else {
                return SMSSubmit(destination: destination, userData: userData, dataCodingScheme: scheme)
            }
            submit.destination = destination
            submit.dataCodingScheme = scheme
            submit.userData = userData
            return submit
        }
    }
}

extension SMSEncodingPlan {
    /// The parts: one inline, or an array of any other count. Always `.one` for one part, so
    /// that the synthesised `Hashable` sees equal plans as equal.
    enum PartStorage: Sendable, Hashable {
        case one(Part)
        case many([Part])

        init(_ parts: [Part]) {
            self = parts.count == 1 ? .one(parts[0]) : .many(parts)
        }

        var parts: [Part] {
            switch self {
            case .one(let part): [part]
            case .many(let parts): parts
            }
        }

        var count: Int {
            switch self {
            case .one: 1
            case .many(let parts): parts.count
            }
        }

        var last: Part? {
            switch self {
            case .one(let part): part
            case .many(let parts): parts.last
            }
        }

        subscript(index: Int) -> Part {
            switch self {
            case .one(let part):
                precondition(index == 0, "part \(index) of 1")
                return part
            case .many(let parts): return parts[index]
            }
        }
    }
}
