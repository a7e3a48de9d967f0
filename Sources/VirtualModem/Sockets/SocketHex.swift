import ATCodec

extension IPAddress {
    /// Whether this is a loopback address: `127.0.0.0/8`, `::1` or `::ffff:127.x.y.z`. The
    /// virtual modem connects to nothing else.
    public var isLoopback: Bool {
        if isIPv4 { return bytes[0] == 127 }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }
}

/// Hex text for sockets' hex modes (`AT+QISENDEX`, `AT+CIPRXGET=3`, u-blox `AT+UDCONF=1,1`);
/// public so fleet hosts read `+USORD: 0,4,"20020000"` with the same code the modem writes it.
///
///     SocketHex.encode([0x20, 0x02])     // "2002"
///     SocketHex.decode("2002")           // [0x20, 0x02]
public enum SocketHex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `nil` for an odd count or a non-hex digit.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x41...0x46: digit - 0x41 + 10
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }
}
