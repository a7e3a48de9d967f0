extension SMSAddress {
    static let digitCharacters: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "a", "b", "c"]

    /// Decodes a TP address (length = useful semi-octets) or, with `smsc: true`, an RP/SMSC address
    /// (length = octets after the length byte; 0 means none, returned as `nil`).
    static func decode(_ reader: inout PDUReader, field: String, smsc: Bool = false) throws(PDUError) -> SMSAddress? {
        let lengthOffset = reader.offset
        let length = Int(try reader.byte("\(field) length"))
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
        let type = try reader.byte("\(field) type")
        let start = reader.offset
        let body = try reader.take(octets, field)
        if (type >> 4) & 0x07 == TypeOfNumber.alphanumeric.rawValue {
            let septets = GSM7Packing.unpack(body, count: semiOctets * 4 / 7)
            do {
                return SMSAddress(typeOctet: type, value: try GSM7Alphabet().text(septets))
            } catch {
                throw PDUError(error.kind, offset: start)
            }
        }
        var digits = ""
        digits.reserveCapacity(semiOctets)
        for index in 0..<semiOctets {
            let byte = body[body.startIndex + index / 2]
            let nibble = index % 2 == 0 ? byte & 0x0F : byte >> 4
            if nibble == 0x0F {
                // Filler: allowed only as the last semi-octet (odd digit count, or SMSC padding).
                guard index == semiOctets - 1 else {
                    throw PDUError(.invalidSemiOctet(field: field, value: nibble), offset: start + index / 2)
                }
                continue
            }
            digits.append(digitCharacters[Int(nibble)])
        }
        return SMSAddress(typeOctet: type, value: digits)
    }

    /// The semi-octets of `value` (`0-9*#abc`, case-insensitive for `abc`).
    func semiOctets() throws(PDUError) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        for character in value {
            switch character.asciiValue {
            case let ascii? where ascii >= 48 && ascii <= 57: out.append(ascii - 48)
            case UInt8(ascii: "*"): out.append(0x0A)
            case UInt8(ascii: "#"): out.append(0x0B)
            case UInt8(ascii: "a"), UInt8(ascii: "A"): out.append(0x0C)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): out.append(0x0D)
            case UInt8(ascii: "c"), UInt8(ascii: "C"): out.append(0x0E)
            default: throw PDUError(.unrepresentable(character), offset: offset)
            }
            offset += 1
        }
        return out
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
        let nibbles = try semiOctets()
        guard nibbles.count <= 20 else {
            throw PDUError(.valueOutOfRange(field: field, value: nibbles.count), offset: 0)
        }
        let octets = (nibbles.count + 1) / 2
        out.append(smsc ? UInt8(octets + 1) : UInt8(nibbles.count))
        out.append(typeOctet)
        var index = 0
        while index < nibbles.count {
            let low = nibbles[index]
            let high: UInt8 = index + 1 < nibbles.count ? nibbles[index + 1] : 0x0F
            out.append(high << 4 | low)
            index += 2
        }
    }
}
