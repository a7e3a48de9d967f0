import SMSPDU

/// What one PPP frame is, in a line: its protocol, the control protocol's code and identifier
/// with the options that are cheap to name, or an IP packet's protocol, addresses and ports.
///
///     ff 03 c0 21 01 01 00 0a 01 04 05 dc 05 06 12 34 56 78
///     → "LCP Configure-Request id 1: MRU 1500, magic 0x12345678"
///     45 00 00 1c ... 11 ... 0a 00 00 01 08 08 08 08 13 89 00 35 ...
///     → "IPv4 UDP 10.0.0.1:5001 → 8.8.8.8:53, 28 bytes"
///
/// Secrets are not shown: a PAP Authenticate-Request gives the lengths of its peer id and
/// password, not their text.
public struct PPPFrameSummary: Sendable, Hashable, CustomStringConvertible {
    /// The PPP protocol field (`0xC021` LCP, `0x0021` IPv4...); `nil` when the frame is too short.
    public var protocolNumber: UInt16?
    /// `LCP`, `PAP`, `CHAP`, `IPCP`, `IPV6CP`, `CCP`, `IPv4`, `IPv6` or `protocol 0x....`.
    public var protocolName: String
    /// The rest: `Configure-Request id 1: MRU 1500`, `UDP 10.0.0.1:5001 → 8.8.8.8:53, 28 bytes`.
    public var detail: String

    public var description: String { detail.isEmpty ? protocolName : "\(protocolName) \(detail)" }

    /// Reads a frame's bytes (unescaped, without the FCS). Never traps: short or malformed
    /// frames say what is missing.
    public init(frame: [UInt8]) {
        var index = 0
        // Address and control, unless compressed away (ACFC).
        if frame.count >= 2, frame[0] == 0xFF, frame[1] == 0x03 { index = 2 }
        guard index < frame.count else {
            self.init(protocolNumber: nil, protocolName: "empty frame", detail: "")
            return
        }
        // Protocol field: one byte when compressed (PFC, odd first byte), else two.
        let number: UInt16
        if frame[index] & 1 == 1 {
            number = UInt16(frame[index])
            index += 1
        } else {
            guard index + 1 < frame.count else {
                self.init(protocolNumber: nil, protocolName: "truncated frame", detail: "")
                return
            }
            number = UInt16(frame[index]) << 8 | UInt16(frame[index + 1])
            index += 2
        }
        let information = frame[index...]
        switch number {
        case 0xC021: self.init(number, "LCP", Self.controlPacket(information, codes: Self.lcpCodes, options: Self.lcpOption))
        case 0xC023: self.init(number, "PAP", Self.pap(information))
        case 0xC223: self.init(number, "CHAP", Self.controlPacket(information, codes: Self.chapCodes, options: nil))
        case 0x8021: self.init(number, "IPCP", Self.controlPacket(information, codes: Self.ncpCodes, options: Self.ipcpOption))
        case 0x8057: self.init(number, "IPV6CP", Self.controlPacket(information, codes: Self.ncpCodes, options: Self.ipv6cpOption))
        case 0x80FD: self.init(number, "CCP", Self.controlPacket(information, codes: Self.ncpCodes, options: nil))
        case 0x0021: self.init(number, "IPv4", IPPacketSummary.ipv4(information))
        case 0x0057: self.init(number, "IPv6", IPPacketSummary.ipv6(information))
        default: self.init(number, "protocol 0x\(Hex.word(number))", "\(information.count) bytes")
        }
    }

    public init(protocolNumber: UInt16?, protocolName: String, detail: String) {
        self.protocolNumber = protocolNumber
        self.protocolName = protocolName
        self.detail = detail
    }

    private init(_ number: UInt16, _ name: String, _ detail: String) {
        self.init(protocolNumber: number, protocolName: name, detail: detail)
    }

    // MARK: - Control protocols (RFC 1661 §5, RFC 1332, RFC 5072, RFC 1994)

    static let lcpCodes = [1: "Configure-Request", 2: "Configure-Ack", 3: "Configure-Nak", 4: "Configure-Reject",
                           5: "Terminate-Request", 6: "Terminate-Ack", 7: "Code-Reject", 8: "Protocol-Reject",
                           9: "Echo-Request", 10: "Echo-Reply", 11: "Discard-Request"]
    static let ncpCodes = [1: "Configure-Request", 2: "Configure-Ack", 3: "Configure-Nak", 4: "Configure-Reject",
                           5: "Terminate-Request", 6: "Terminate-Ack", 7: "Code-Reject"]
    static let chapCodes = [1: "Challenge", 2: "Response", 3: "Success", 4: "Failure"]
    static let papCodes = [1: "Authenticate-Request", 2: "Authenticate-Ack", 3: "Authenticate-Nak"]

    /// `code id length data`: the code's name, the identifier and, for Configure-*, the options.
    static func controlPacket(_ packet: ArraySlice<UInt8>, codes: [Int: String], options: ((UInt8, ArraySlice<UInt8>) -> String)?) -> String {
        let bytes = Array(packet)
        guard bytes.count >= 4 else { return "truncated packet (\(bytes.count) bytes)" }
        let code = Int(bytes[0])
        let name = codes[code] ?? "code \(code)"
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard length >= 4, length <= bytes.count else {
            return "\(name) id \(bytes[1]): length \(length) does not fit the \(bytes.count) bytes"
        }
        var text = "\(name) id \(bytes[1])"
        let data = bytes[4..<length]
        if let options, (1...4).contains(code) {
            var parts: [String] = []
            var index = data.startIndex
            while index < data.endIndex {
                guard index + 1 < data.endIndex, bytes[index + 1] >= 2, index + Int(bytes[index + 1]) <= data.endIndex else {
                    parts.append("malformed option at byte \(index)")
                    break
                }
                let end = index + Int(bytes[index + 1])
                parts.append(options(bytes[index], bytes[(index + 2)..<end]))
                index = end
            }
            if !parts.isEmpty { text += ": " + parts.joined(separator: ", ") }
        } else if code == 9 || code == 10, data.count >= 4 {
            text += ": magic 0x" + Hex.bytes(data.prefix(4))
        }
        return text
    }

    static func lcpOption(_ type: UInt8, _ value: ArraySlice<UInt8>) -> String {
        switch (type, value.count) {
        case (1, 2): "MRU \(Int(value.first!) << 8 | Int(value.last!))"
        case (2, 4): "ACCM 0x" + Hex.bytes(value)
        case (3, 2...):
            switch Int(value[value.startIndex]) << 8 | Int(value[value.startIndex + 1]) {
            case 0xC023: "auth PAP"
            case 0xC223: "auth CHAP" + (value.count > 2 ? (value[value.startIndex + 2] == 5 ? " MD5" : " algorithm \(value[value.startIndex + 2])") : "")
            case let other: "auth 0x" + Hex.word(UInt16(other))
            }
        case (5, 4): "magic 0x" + Hex.bytes(value)
        case (7, 0): "PFC"
        case (8, 0): "ACFC"
        default: "option \(type) (\(value.count) bytes)"
        }
    }

    static func ipcpOption(_ type: UInt8, _ value: ArraySlice<UInt8>) -> String {
        switch (type, value.count) {
        case (2, 2...): "IP compression 0x" + Hex.bytes(value.prefix(2))
        case (3, 4): "address " + IPPacketSummary.ipv4Address(value)
        case (129, 4): "primary DNS " + IPPacketSummary.ipv4Address(value)
        case (131, 4): "secondary DNS " + IPPacketSummary.ipv4Address(value)
        default: "option \(type) (\(value.count) bytes)"
        }
    }

    static func ipv6cpOption(_ type: UInt8, _ value: ArraySlice<UInt8>) -> String {
        switch (type, value.count) {
        case (1, 8): "interface id " + Hex.bytes(value)
        default: "option \(type) (\(value.count) bytes)"
        }
    }

    /// PAP (RFC 1334): the request carries the peer id and password, shown as lengths only.
    static func pap(_ packet: ArraySlice<UInt8>) -> String {
        let bytes = Array(packet)
        guard bytes.count >= 4 else { return "truncated packet (\(bytes.count) bytes)" }
        let name = papCodes[Int(bytes[0])] ?? "code \(bytes[0])"
        let head = "\(name) id \(bytes[1])"
        guard bytes[0] == 1 else { return head }
        guard bytes.count >= 5, 5 + Int(bytes[4]) < bytes.count else { return head + ": truncated" }
        let peer = Int(bytes[4])
        let password = Int(bytes[5 + peer])
        return head + ": peer id of \(peer) bytes, password of \(password) bytes (not shown)"
    }
}

/// Lowercase hexadecimal for summaries (SMSPDU's hex writer, lowercased as `tcpdump` prints it).
enum Hex {
    static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        PDUHex.string(bytes).lowercased()
    }

    static func word(_ value: UInt16) -> String {
        bytes([UInt8(value >> 8), UInt8(value & 0xFF)])
    }
}
