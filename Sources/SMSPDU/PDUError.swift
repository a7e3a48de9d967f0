/// The one error of the SMS PDU layer: what failed and where.
///
/// `offset` is a byte offset into the PDU for decoding errors (counted from the first byte given to
/// the decoder, so with the SMSC prefix when there is one), the UTF-8 offset into a hex string
/// for ``Kind/invalidHex(_:)`` and ``Kind/oddHexLength``, and the `Character` offset into the text
/// for ``Kind/unrepresentable(_:)``.
///
///     try SMSPDU.decode(hex: "0791", direction: .toMobile)
///     // PDUError(.truncated(field: "SMSC address"), offset: 2)
public struct PDUError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The PDU ended inside `field`.
        case truncated(field: String)
        /// A length or count in `field` is impossible (`value` as read).
        case invalidLength(field: String, value: Int)
        /// A semi-octet (BCD nibble) outside what `field` allows.
        case invalidSemiOctet(field: String, value: UInt8)
        /// TP-UDL asks for more user data than the PDU holds.
        case userDataTooLong(declared: Int, available: Int)
        /// The user data header length runs past the user data, or an element past the header.
        case headerOverrun(declared: Int, available: Int)
        /// A septet with no character in the active table.
        case undefinedSeptet(UInt8)
        /// UCS-2 user data with an odd number of octets.
        case oddUCS2Length(Int)
        /// TP-MTI 0b11 (reserved), or a message type this direction cannot carry.
        case unsupportedMessageType(UInt8)
        /// Bytes left after a complete TPDU.
        case trailingBytes(Int)
        /// A character of a hex string that is not 0-9, a-f or A-F.
        case invalidHex(Character)
        /// A hex string with an odd number of digits.
        case oddHexLength
        /// Text or an address that the chosen encoding cannot carry.
        case unrepresentable(Character)
        /// A value that does not fit its field when encoding (e.g. an address too long).
        case valueOutOfRange(field: String, value: Int)
    }

    public var kind: Kind
    public var offset: Int

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        "PDUError(\(kind), offset: \(offset))"
    }
}
