/// One IP packet carried in a PPP frame, in a few words: protocol, addresses, ports, length.
///
///     "UDP 10.0.0.1:5001 → 8.8.8.8:53, 28 bytes"
///     "TCP [2001:db8::1]:443 → [2001:db8::2]:50000, 60 bytes"
///     "ICMP 10.0.0.1 → 10.0.0.2, 84 bytes"
enum IPPacketSummary {
    static func ipv4(_ packet: ArraySlice<UInt8>) -> String {
        let bytes = Array(packet)
        guard bytes.count >= 20, bytes[0] >> 4 == 4 else { return "malformed packet (\(bytes.count) bytes)" }
        let headerLength = Int(bytes[0] & 0x0F) * 4
        let totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        let source = ipv4Address(bytes[12..<16])
        let destination = ipv4Address(bytes[16..<20])
        let transport = headerLength >= 20 ? bytes.dropFirst(headerLength) : []
        return endpoints(protocol: bytes[9], source: source, destination: destination, transport: transport, length: totalLength)
    }

    static func ipv6(_ packet: ArraySlice<UInt8>) -> String {
        let bytes = Array(packet)
        guard bytes.count >= 40, bytes[0] >> 4 == 6 else { return "malformed packet (\(bytes.count) bytes)" }
        let payloadLength = Int(bytes[4]) << 8 | Int(bytes[5])
        let source = ipv6Address(bytes[8..<24])
        let destination = ipv6Address(bytes[24..<40])
        return endpoints(protocol: bytes[6], source: "[\(source)]", destination: "[\(destination)]",
                         transport: bytes.dropFirst(40), length: 40 + payloadLength, bracketed: true)
    }

    private static func endpoints(protocol number: UInt8, source: String, destination: String, transport: ArraySlice<UInt8>,
                                  length: Int, bracketed: Bool = false) -> String {
        let name: String
        switch number {
        case 1: name = "ICMP"
        case 6: name = "TCP"
        case 17: name = "UDP"
        case 58: name = "ICMPv6"
        default: name = "protocol \(number)"
        }
        if number == 6 || number == 17, transport.count >= 4 {
            let ports = Array(transport.prefix(4))
            let sourcePort = Int(ports[0]) << 8 | Int(ports[1])
            let destinationPort = Int(ports[2]) << 8 | Int(ports[3])
            return "\(name) \(source):\(sourcePort) → \(destination):\(destinationPort), \(length) bytes"
        }
        let plainSource = bracketed ? String(source.dropFirst().dropLast()) : source
        let plainDestination = bracketed ? String(destination.dropFirst().dropLast()) : destination
        return "\(name) \(plainSource) → \(plainDestination), \(length) bytes"
    }

    static func ipv4Address(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String($0) }.joined(separator: ".")
    }

    /// RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as `::`.
    static func ipv6Address(_ bytes: ArraySlice<UInt8>) -> String {
        let raw = Array(bytes)
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }
        var best = (start: -1, count: 0)
        var run = (start: -1, count: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.count + 1)
                if run.count > best.count { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let text = groups.map { String($0, radix: 16) }
        guard best.count >= 2 else { return text.joined(separator: ":") }
        let head = text[..<best.start].joined(separator: ":")
        let tail = text[(best.start + best.count)...].joined(separator: ":")
        return "\(head)::\(tail)"
    }
}
