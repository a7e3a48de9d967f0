/// TP-DCS, TS 23.038 §4 (SMS data coding scheme), every coding group.
///
///     DataCodingScheme(rawValue: 0x00).alphabet   // .gsm7
///     DataCodingScheme(rawValue: 0x08).alphabet   // .ucs2
///     DataCodingScheme(rawValue: 0x10).messageClass   // .class0 (flash)
///     DataCodingScheme(rawValue: 0xC8).messageWaiting // voicemail active, discard message
///     DataCodingScheme(rawValue: 0x20).isCompressed   // true
public struct DataCodingScheme: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public enum Alphabet: Sendable, Hashable {
        case gsm7, eightBit, ucs2
    }

    public enum MessageClass: UInt8, Sendable, Hashable, CaseIterable {
        /// Flash: shown at once, not stored.
        case class0 = 0
        /// ME-specific.
        case class1 = 1
        /// (U)SIM-specific.
        case class2 = 2
        /// TE-specific.
        case class3 = 3
    }

    public enum CodingGroup: Sendable, Hashable {
        /// 00xx xxxx general data coding, or 01xx xxxx the same marked for automatic deletion.
        case general(automaticDeletion: Bool)
        /// 1000...1011: reserved; read as the GSM 7-bit default alphabet.
        case reserved
        /// 1100 discard, 1101 store (GSM 7-bit), 1110 store (UCS-2).
        case messageWaiting
        /// 1111: data coding / message class.
        case dataCodingMessageClass
    }

    /// Message waiting indication groups (§4, 1100...1110).
    public struct MessageWaiting: Sendable, Hashable {
        public enum Kind: UInt8, Sendable, Hashable { case voicemail = 0, fax = 1, email = 2, other = 3 }
        public var kind: Kind
        /// Indication sense: `true` sets the indicator, `false` clears it.
        public var isActive: Bool
        /// Group 1100: the receiver may discard the text after updating the indicator.
        public var discardMessage: Bool
    }

    public var group: CodingGroup {
        switch rawValue >> 4 {
        case 0x0...0x3: .general(automaticDeletion: false)
        case 0x4...0x7: .general(automaticDeletion: true)
        case 0x8...0xB: .reserved
        case 0xC...0xE: .messageWaiting
        default: .dataCodingMessageClass
        }
    }

    /// The alphabet; reserved alphabets and groups read as GSM 7-bit (§4: "assumed to be the GSM 7
    /// bit default alphabet").
    public var alphabet: Alphabet {
        switch rawValue >> 4 {
        case 0x0...0x7:
            switch (rawValue >> 2) & 0x03 {
            case 0b01: .eightBit
            case 0b10: .ucs2
            default: .gsm7
            }
        case 0xE: .ucs2
        case 0xF: rawValue & 0x04 != 0 ? .eightBit : .gsm7
        default: .gsm7
        }
    }

    /// Bit 5 of the general groups: the text is compressed (TS 23.042) and is not decoded here.
    public var isCompressed: Bool {
        rawValue >> 6 == 0 || rawValue >> 6 == 1 ? rawValue & 0x20 != 0 : false
    }

    public var messageClass: MessageClass? {
        switch rawValue >> 4 {
        case 0x0...0x7: rawValue & 0x10 != 0 ? MessageClass(rawValue: rawValue & 0x03) : nil
        case 0xF: MessageClass(rawValue: rawValue & 0x03)
        default: nil
        }
    }

    public var messageWaiting: MessageWaiting? {
        let group = rawValue >> 4
        guard (0xC...0xE).contains(group) else { return nil }
        return MessageWaiting(
            kind: MessageWaiting.Kind(rawValue: rawValue & 0x03) ?? .other,
            isActive: rawValue & 0x08 != 0,
            discardMessage: group == 0xC
        )
    }

    /// A general-group DCS: `alphabet`, optional class, optional compressed flag.
    public init(alphabet: Alphabet, messageClass: MessageClass? = nil, compressed: Bool = false) {
        var raw: UInt8 = compressed ? 0x20 : 0
        switch alphabet {
        case .gsm7: break
        case .eightBit: raw |= 0x04
        case .ucs2: raw |= 0x08
        }
        if let messageClass { raw |= 0x10 | messageClass.rawValue }
        self.rawValue = raw
    }

    public static let gsm7 = DataCodingScheme(rawValue: 0x00)
    public static let eightBit = DataCodingScheme(rawValue: 0x04)
    public static let ucs2 = DataCodingScheme(rawValue: 0x08)
}
