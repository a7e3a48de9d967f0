extension SMSAddress {
    /// Semi-octet → ASCII: 0-9, then `*`, `#`, `a`, `b`, `c` (TS 23.040 §9.1.2.3).
    @inline(__always)
    static func digitASCII(_ nibble: UInt8) -> UInt8 {
        switch nibble {
        case 0...9: 0x30 + nibble
        case 0x0A: UInt8(ascii: "*")
        case 0x0B: UInt8(ascii: "#")
        default: UInt8(ascii: "a") + (nibble - 0x0C)
        }
    }

    /// Decodes a TP address (length = useful semi-octets) or, with `smsc: true`, an RP/SMSC address
    /// (length = octets after the length byte; 0 means none, returned as `nil`).
    static func decode(_ reader: inout PDUReader, field: String, smsc: Bool = false) throws(PDUError) -> SMSAddress? {
        let lengthOffset = reader.offset
        let length = Int(try reader.byte(field))
        if smsc, length == 0 { return nil }
        let octets: Int
        let semiOctets: Int
        if smsc {
            guard length <= 11 else { throw PDUError(.invalidLength(field: field, value: length), offset: lengthOffset) }
            octets = length - 1
            semiOctets = octets * 2
        } else {
            guard length <= 20 else { throw PDUError(.invalidLength(field: field, value: length), offset: lengthOffset) }
            octets = (length + 1) / 2
            semiOctets = length
        }
        let type = try reader.byte(field)
        let start = reader.offset
        let body = try reader.take(octets, field)
        if (type >> 4) & 0x07 == TypeOfNumber.alphanumeric.rawValue {
            do {
                let text = try GSM7Alphabet().decodePacked(body, count: semiOctets * 4 / 7, fillBits: 0)
                return SMSAddress(typeOctet: type, value: text)
            } catch {
                throw PDUError(error.kind, offset: start)
            }
        }
        return SMSAddress(typeOctet: type, value: try digits(body, count: semiOctets, field: field, offset: start))
    }

    /// `count` semi-octets of `body` (at most 20, two per octet, low nibble first) as digits.
    /// - Throws: ``PDUError/Kind/invalidSemiOctet(field:value:)`` for a filler (0xF) anywhere but
    ///   last (an odd digit count, or SMSC padding).
    static func digits(_ body: ArraySlice<UInt8>, count: Int, field: String, offset: Int) throws(PDUError) -> String {
        let count = max(0, min(count, 20, body.count * 2))
        var filler: Int? = nil
        let digits = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out -> String in
            body.withUnsafeBufferPointer { octets in
                var written = 0
                for index in 0..<count {
                    let byte = octets[index >> 1]
                    let nibble = index & 1 == 0 ? byte & 0x0F : byte >> 4
                    guard nibble != 0x0F else {
                        if index != count - 1 { filler = index }
                        break
                    }
                    out[written] = digitASCII(nibble)
                    written += 1
                }
                // Every byte is one of `0-9*#abc`.
                return String(tableUTF8: UnsafeBufferPointer(rebasing: out[..<written]), isASCII: true)
            }
        }
        if let filler { throw PDUError(.invalidSemiOctet(field: field, value: 0x0F), offset: offset + filler / 2) }
        return digits
    }

    /// The semi-octet of a character of `value` (`0-9*#abc`, `ABC` too), or `nil`.
    @inline(__always)
    static func semiOctet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "*"): 0x0A
        case UInt8(ascii: "#"): 0x0B
        case UInt8(ascii: "a"), UInt8(ascii: "A"): 0x0C
        case UInt8(ascii: "b"), UInt8(ascii: "B"): 0x0D
        case UInt8(ascii: "c"), UInt8(ascii: "C"): 0x0E
        default: nil
        }
    }

    /// The error for the character at a UTF-8 offset of `value`, with its `Character` offset.
    private func unrepresentableDigit(atUTF8Offset utf8Offset: Int) -> PDUError {
        var start = 0, index = 0
        for character in value {
            let end = start + character.utf8.count
            if utf8Offset < end { return PDUError(.unrepresentable(character), offset: index) }
            start = end
            index += 1
        }
        return PDUError(.unrepresentable(" "), offset: index)
    }

    /// Appends the address field; `smsc: true` writes the RP length convention (octets).
    func encode(into out: inout [UInt8], field: String, smsc: Bool = false) throws(PDUError) {
        if typeOfNumber == .alphanumeric {
            let septets = try GSM7Alphabet().septets(value)
            let packed = GSM7Packing.pack(septets)
            let usefulSemiOctets = (septets.count * 7 + 3) / 4
            guard packed.count <= 10 else {
                throw PDUError(.valueOutOfRange(field: field, value: septets.count), offset: 0)
            }
            out.append(smsc ? UInt8(packed.count + 1) : UInt8(usefulSemiOctets))
            out.append(typeOctet)
            out.append(contentsOf: packed)
            return
        }
        let lengthOffset = out.count
        out.append(0)   // the length, set below
        out.append(typeOctet)
        var digits = value
        // Two digits per octet, low nibble first, read from the UTF-8 bytes; a bad character
        // leaves its UTF-8 offset.
        let (count, bad) = digits.withUTF8 { utf8 -> (Int, Int?) in
            var low: UInt8 = 0
            for (index, byte) in utf8.enumerated() {
                guard let nibble = Self.semiOctet(byte) else { return (index, index) }
                if index & 1 == 0 { low = nibble } else { out.append(nibble << 4 | low) }
            }
            if utf8.count & 1 == 1 { out.append(0xF0 | low) }
            return (utf8.count, nil)
        }
        if let bad { throw unrepresentableDigit(atUTF8Offset: bad) }
        guard count <= 20 else {
            throw PDUError(.valueOutOfRange(field: field, value: count), offset: lengthOffset)
        }
        out[lengthOffset] = smsc ? UInt8((count + 1) / 2 + 1) : UInt8(count)
    }
}
