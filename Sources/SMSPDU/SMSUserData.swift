/// TP-UDL + TP-UD (TS 23.040 §9.2.3.16, §9.2.3.24): an optional header and the body, read in the
/// alphabet TP-DCS names, with the fill bits that align 7-bit text after a header.
///
///     // UDL 0A, "hellohello" in GSM 7-bit: 0A E8 32 9B FD 46 97 D9 EC 37
///     SMSUserData(header: nil, body: .text("hellohello"))
public struct SMSUserData: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        /// GSM 7-bit or UCS-2 text. UCS-2 is read as UTF-16, so surrogate pairs (emoji) decode;
        /// an unpaired surrogate in received data decodes as U+FFFD. (A pair that a sender cut
        /// between two concatenated parts is put back together by ``SMSReassembler``.)
        case text(String)
        /// 8-bit data; with a GSM 7-bit DCS, when encoding, raw septets.
        case data([UInt8])
        /// Compressed user data (TS 23.042), reported as is, not decompressed.
        case compressed([UInt8])
    }

    public var header: UserDataHeader?
    public var body: Body
    /// UCS-2 received with a lone low surrogate first or a lone high surrogate last (each shown as
    /// U+FFFD in the text): the halves of a pair cut between parts, for the reassembler.
    var edgeSurrogates = EdgeSurrogates()

    /// Packed in one word (a surrogate is never 0): leading low in bits 0...15, trailing high in
    /// bits 16...31.
    struct EdgeSurrogates: Sendable, Hashable {
        private var bits: UInt32 = 0

        var leadingLow: UInt16? {
            get { bits & 0xFFFF == 0 ? nil : UInt16(truncatingIfNeeded: bits) }
            set { bits = bits & 0xFFFF_0000 | UInt32(newValue ?? 0) }
        }

        var trailingHigh: UInt16? {
            get { bits >> 16 == 0 ? nil : UInt16(truncatingIfNeeded: bits >> 16) }
            set { bits = bits & 0xFFFF | UInt32(newValue ?? 0) << 16 }
        }
    }

    public init(header: UserDataHeader? = nil, body: Body) {
        self.header = header
        self.body = body
    }

    /// The text, when the body is text.
    public var text: String? {
        if case .text(let text) = body { return text }
        return nil
    }

    /// Header septets for a header of `octets` octets including UDHL.
    static func headerSeptets(octets: Int) -> Int { (octets * 8 + 6) / 7 }

    /// Reads TP-UDL and TP-UD to the end of the PDU.
    static func decode(_ reader: inout PDUReader, scheme: DataCodingScheme, hasHeader: Bool) throws(PDUError) -> SMSUserData {
        let udlOffset = reader.offset
        let udl = Int(try reader.byte("TP-UDL"))
        let septetMode = scheme.alphabet == .gsm7 && !scheme.isCompressed
        let octets = septetMode ? GSM7Packing.octetCount(septets: udl) : udl
        guard octets <= reader.remaining else {
            throw PDUError(.userDataTooLong(declared: octets, available: reader.remaining), offset: udlOffset)
        }
        let bytes = try reader.take(octets, "TP-UD")
        let udStart = udlOffset + 1
        var header: UserDataHeader? = nil
        var headerOctets = 0
        if hasHeader {
            guard let udhl = bytes.first.map(Int.init) else {
                throw PDUError(.headerOverrun(declared: 1, available: 0), offset: udStart)
            }
            headerOctets = udhl + 1
            guard headerOctets <= octets, !septetMode || headerSeptets(octets: headerOctets) <= udl else {
                throw PDUError(.headerOverrun(declared: udhl, available: octets - 1), offset: udStart)
            }
            let start = bytes.startIndex + 1
            header = try UserDataHeader.decode(bytes[start..<start + udhl], base: udStart + 1)
        }
        let payload = bytes[(bytes.startIndex + headerOctets)...]
        if scheme.isCompressed { return SMSUserData(header: header, body: .compressed(Array(payload))) }
        switch scheme.alphabet {
        case .eightBit:
            return SMSUserData(header: header, body: .data(Array(payload)))
        case .ucs2:
            guard payload.count % 2 == 0 else {
                throw PDUError(.oddUCS2Length(payload.count), offset: udStart + headerOctets)
            }
            var userData = SMSUserData(header: header, body: .text(GSM7Alphabet.decodeUCS2(payload)))
            userData.edgeSurrogates = GSM7Alphabet.edgeSurrogates(payload)
            return userData
        case .gsm7:
            let headerSeptets = hasHeader ? headerSeptets(octets: headerOctets) : 0
            let fill = headerSeptets * 7 - headerOctets * 8
            let alphabet = GSM7Alphabet(lockingShift: header?.lockingShift, singleShift: header?.singleShift)
            do {
                return SMSUserData(header: header, body: .text(try alphabet.decodePacked(payload, count: udl - headerSeptets, fillBits: fill)))
            } catch {
                let bit = fill + error.offset * 7
                throw PDUError(error.kind, offset: udStart + headerOctets + bit / 8)
            }
        }
    }

    /// Appends TP-UDL and TP-UD; `offset` in errors is where TP-UDL would be.
    func encode(scheme: DataCodingScheme, into out: inout [UInt8]) throws(PDUError) {
        let udlOffset = out.count
        let headerBytes = header?.encoded ?? []
        let septetMode = scheme.alphabet == .gsm7 && !scheme.isCompressed
        if septetMode {
            let headerSeptets = header == nil ? 0 : Self.headerSeptets(octets: headerBytes.count)
            let fill = headerSeptets * 7 - headerBytes.count * 8
            out.append(0)   // TP-UDL, set below
            out.append(contentsOf: headerBytes)
            let septets: Int
            switch body {
            case .text(let text):
                let alphabet = GSM7Alphabet(lockingShift: header?.lockingShift, singleShift: header?.singleShift)
                septets = try alphabet.appendPacked(text, fillBits: fill, maxSeptets: 160 - headerSeptets, into: &out)
            case .data(let raw), .compressed(let raw):
                GSM7Packing.pack(raw, fillBits: fill, into: &out)
                septets = raw.count
            }
            let udl = headerSeptets + septets
            guard udl <= 160 else { throw PDUError(.valueOutOfRange(field: "TP-UDL", value: udl), offset: udlOffset) }
            out[udlOffset] = UInt8(udl)
            return
        }
        if case .text = body, scheme.alphabet != .ucs2 {
            throw PDUError(.valueOutOfRange(field: "TP-DCS", value: Int(scheme.rawValue)), offset: udlOffset)
        }
        out.append(0)   // TP-UDL, set below
        out.append(contentsOf: headerBytes)
        switch body {
        case .text(let text):
            GSM7Alphabet.appendUCS2(text, into: &out)
        case .data(let raw), .compressed(let raw):
            out.append(contentsOf: raw)
        }
        let udl = out.count - udlOffset - 1
        guard udl <= 140 else { throw PDUError(.valueOutOfRange(field: "TP-UDL", value: udl), offset: udlOffset) }
        out[udlOffset] = UInt8(udl)
    }
}
