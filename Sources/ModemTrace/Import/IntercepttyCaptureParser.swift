/// Turns an interceptty capture into trace records.
///
/// interceptty sits between a program and a serial port and writes every byte that crosses,
/// one a line: `>` for a byte the program wrote to the device, `<` for one the device sent
/// back, the byte in hex and, when it is printable, the character:
///
///     > 0x41 (A)
///     > 0x54 (T)
///     > 0x0d                → tx "AT\r"
///     < 0x4f (O)
///     < 0x4b (K)            → rx "OK"
///
/// Hex lines with a direction marker (`> 41 54 0d`, as post-processed captures show them) are
/// read too. Consecutive bytes in one direction make one record. The capture has no times:
/// every record is at 0. A line that is neither, or whose character does not match its hex
/// (`< 0x41 (B)`), is reported.
struct IntercepttyCaptureParser: LogLineImporter {
    private(set) var header = TraceHeader(tool: "interceptty capture (imported, no timing)")
    private var run: (direction: TraceDirection, bytes: [UInt8], line: Int)?

    /// `< 0x4f (O)`, `> 0x0d` or `> 41 54 0d`: the direction and the bytes; `nil` for other lines.
    static func bytes(in line: Substring) -> (direction: TraceDirection, bytes: [UInt8])? {
        guard let marker = line.first, marker == ">" || marker == "<", line.dropFirst().first == " " else { return nil }
        let direction: TraceDirection = marker == ">" ? .tx : .rx
        let rest = line.dropFirst(2).drop { $0 == " " }
        if rest.hasPrefix("0x") || rest.hasPrefix("0X") {
            let hex = rest.dropFirst(2).prefix(2)
            guard hex.count == 2, let byte = UInt8(hex, radix: 16) else { return nil }
            let shown = rest.dropFirst(4).drop { $0 == " " }
            guard shown.isEmpty || (shown.utf8.count == 3 && shown.first == "(" && shown.last == ")"
                && shown.utf8.dropFirst().first == byte) else { return nil }
            return (direction, [byte])
        }
        var bytes: [UInt8] = []
        for token in rest.split(separator: " ") {
            guard token.count == 2, let byte = UInt8(token, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : (direction, bytes)
    }

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard !text.isEmpty else { return }
        guard let (direction, bytes) = Self.bytes(in: text) else {
            items.append(.unplaceable(line, number: number, "not an interceptty byte line ('< 0x4f (O)', '> 0x0d' or '> 41 54 0d')"))
            return
        }
        if run?.direction == direction {
            run?.bytes += bytes
        } else {
            finish(into: &items)
            run = (direction, bytes, number)
        }
    }

    mutating func finish(into items: inout [LogLineItem]) {
        guard let done = run else { return }
        run = nil
        items.append(.record(TraceRecord(time: .zero, body: .data(done.direction, done.bytes)), line: done.line))
    }
}
