import ModemKitTestSupport
import Testing
@testable import ModemTrace

/// The reader's reused payload buffer (`next(payload:)`) and the pointer loop of `unescape`
/// give what a plain byte-by-byte reading of the format gives.
@Suite struct TraceReaderPayloadBufferTests {
    /// The escaping rules read one byte at a time, as the format describes them: the reference
    /// the buffered unescaper is compared with.
    static func referenceUnescape(_ text: [UInt8]) -> Result<[UInt8], TraceEscapingError> {
        var out: [UInt8] = []
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        while index < text.count {
            let byte = text[index]
            if byte != 0x5C {
                guard byte >= 0x20, byte <= 0x7E else {
                    let digits = Array("0123456789abcdef".utf8)
                    let name = String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
                    return .failure(TraceEscapingError(offset: index, reason: "unescaped byte 0x\(name)"))
                }
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < text.count else {
                return .failure(TraceEscapingError(offset: index, reason: "backslash at end of text"))
            }
            switch text[index + 1] {
            case 0x5C: out.append(0x5C); index += 2
            case UInt8(ascii: "r"): out.append(0x0D); index += 2
            case UInt8(ascii: "n"): out.append(0x0A); index += 2
            case UInt8(ascii: "t"): out.append(0x09); index += 2
            case UInt8(ascii: "x"):
                guard index + 3 < text.count, let high = hex(text[index + 2]), let low = hex(text[index + 3]) else {
                    return .failure(TraceEscapingError(offset: index, reason: "\\x needs two hex digits"))
                }
                out.append(high << 4 | low)
                index += 4
            default:
                return .failure(TraceEscapingError(
                    offset: index, reason: "unknown escape \\\(Character(Unicode.Scalar(text[index + 1])))"))
            }
        }
        return .success(out)
    }

    /// Random escaped text: mostly valid escapes and printable runs, with some faults.
    static func randomText(_ generator: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array(#"\r"#.utf8), Array(#"\n"#.utf8), Array(#"\t"#.utf8), Array(#"\\"#.utf8), Array(#"\x1a"#.utf8),
            Array(#"\xFF"#.utf8), Array("AT+CSQ".utf8), Array("OK".utf8), Array(" ".utf8), Array("+CMT: \"\",26".utf8),
            Array(#"\x"#.utf8), Array(#"\xg0"#.utf8), Array(#"\q"#.utf8), [0x09], [0xC3, 0xA9], [0x7F], Array(#"\"#.utf8),
        ]
        let count = Int.random(in: 0...12, using: &generator)
        return (0..<count).flatMap { _ in
            Bool.random(using: &generator) ? pieces[Int.random(in: 0..<6, using: &generator)] : pieces.randomElement(using: &generator)!
        }
    }

    @Test func unescapingIntoABufferMatchesAByteByByteReading() {
        var generator = SeededGenerator(seed: 7)
        var buffer: [UInt8] = Array("kept".utf8)
        for _ in 0..<5_000 {
            let text = Self.randomText(&generator)
            let expected = Self.referenceUnescape(text)
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: "kept".utf8)
            do {
                try TraceEscaping.unescape(bytes: text[...], into: &buffer)
                #expect(expected == .success(buffer.dropFirst(4).map { $0 }), "\(text)")
            } catch {
                #expect(expected == .failure(error), "\(text)")
            }
        }
    }

    @Test func recordsReadThroughTheReusedBufferEqualTheRecordsReadWhole() {
        var generator = SeededGenerator(seed: 11)
        var text = Array("#modemkit-trace v1\n# baud: 115200\n".utf8)
        let times = ["12.5", "7", "0.000001", "3.1234567", "x1", ".5", "1.", "4.000000"]
        let tags = ["tx", "rx", "rx:redacted", "ev note", "zz", "tx:bogus", "txx", "r", "tx:redacted,redacted"]
        var lines: [(time: String, tag: String, payload: [UInt8])] = []
        for _ in 0..<3_000 {
            let line = (times.randomElement(using: &generator)!, tags.randomElement(using: &generator)!, Self.randomText(&generator))
            lines.append(line)
            text += Array("\(line.0) \(line.1) ".utf8) + line.2
            text += Bool.random(using: &generator) ? [0x0A] : [0x0D, 0x0A]
        }
        var whole = TraceReader()
        whole.append(text)
        whole.finish()
        var buffered = TraceReader()
        buffered.append(text)
        buffered.finish()
        var payload: [UInt8] = []
        var index = 0
        while let item = whole.next() {
            let raw = buffered.next(payload: &payload)
            switch raw {
            case .data(let direction, let time, let redacted, let count):
                #expect(count <= payload.count)
                #expect(item == .record(TraceRecord(time: time, body: .data(direction, Array(payload[..<count]), redacted: redacted))))
            case .item:
                #expect(item == buffered.takeItem())
            case nil:
                Issue.record("the buffered reader ended early, before \(item)")
            }
            #expect(whole.lineNumber == buffered.lineNumber)
            // Each line, read by the rules: a data record exactly when its time, tag and
            // escapes are valid.
            let line = lines[index]
            let time = TraceTime(parsingBytes: Array(line.time.utf8))
            let tag = line.tag.split(separator: ":", maxSplits: 1)
            let direction: TraceDirection? = tag[0] == "tx" ? .tx : tag[0] == "rx" ? .rx : nil
            let flagsValid = tag.count == 1 || tag[1].split(separator: ",", omittingEmptySubsequences: false).allSatisfy { $0 == "redacted" }
            if let time, let direction, flagsValid, case .success(let bytes) = Self.referenceUnescape(line.payload) {
                #expect(item == .record(TraceRecord(time: time, body: .data(direction, bytes, redacted: tag.count == 2))), "\(line)")
            } else if case .record(let record) = item {
                #expect(record.direction == nil, "\(line) read as \(record)")
            }
            index += 1
        }
        if buffered.next(payload: &payload) != nil { Issue.record("the buffered reader has items left") }
        #expect(index == lines.count)
    }
}
