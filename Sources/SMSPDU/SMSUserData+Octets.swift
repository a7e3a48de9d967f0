/// TP-UD on its own, as AT text mode shows it and takes it (TS 27.005 §3.1 `<data>`: with 8-bit
/// or UCS-2 data, or TP-UDHI set, the octets in hex).
///
///     // "hi" after an 8-bit concatenation header, 7-bit: 05 00 03 07 01 01 D0 69
///     let userData = try SMSUserData(octets: [0x05, 0x00, 0x03, 0x07, 0x01, 0x01, 0xD0, 0x69], scheme: .gsm7, hasHeader: true)
///     userData.text                                   // "hi"
///     try userData.octets(scheme: .gsm7)              // the same 8 octets
extension SMSUserData {
    /// Reads TP-UD without its TP-UDL. For 7-bit data `septets` is TP-UDL; when unknown it is
    /// what the octets hold, less a last septet that is only padding (7 octets hold 8 septets; a
    /// zero eighth is taken as fill, since a text ending in `@` there cannot be told apart).
    ///
    /// - Throws: ``PDUError`` as the PDU decoder would; offset 0 is the TP-UDL text mode leaves
    ///   out, so the first octet is at 1.
    public init(octets: [UInt8], septets: Int? = nil, scheme: DataCodingScheme, hasHeader: Bool) throws(PDUError) {
        var udl = octets.count
        if scheme.alphabet == .gsm7, !scheme.isCompressed {
            udl = septets ?? Self.septetCount(octets)
        }
        guard udl <= 255 else { throw PDUError(.userDataTooLong(declared: udl, available: 255), offset: 0) }
        var reader = PDUReader([UInt8(udl)] + octets)
        self = try Self.decode(&reader, scheme: scheme, hasHeader: hasHeader)
        guard reader.remaining == 0 else { throw PDUError(.trailingBytes(reader.remaining), offset: reader.offset) }
    }

    /// TP-UD (header and packed or plain body) without TP-UDL.
    public func octets(scheme: DataCodingScheme) throws(PDUError) -> [UInt8] {
        var out: [UInt8] = []
        try encode(scheme: scheme, into: &out)
        return Array(out.dropFirst())
    }

    static func septetCount(_ octets: [UInt8]) -> Int {
        var count = octets.count * 8 / 7
        if octets.count % 7 == 0, let last = octets.last, last >> 1 == 0, count > 0 { count -= 1 }
        return count
    }
}
