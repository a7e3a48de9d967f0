import ATCodec
import Foundation
import ModemKitTestSupport
import ModemTrace
import Testing
@testable import ModemReplay

/// `writeJSON(into:)` must write the bytes `JSONEncoder` makes of an event (sorted keys,
/// slashes unescaped): `replay decode --json` depends on it.
@Suite struct DecodedEventJSONLinesTests {
    static func encoded(_ event: DecodedEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }

    static func written(_ event: DecodedEvent) -> String {
        var json = TextBuffer(capacity: 256)
        event.writeJSON(into: &json)
        return json.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Every event of every fixture trace and imported log.
    @Test func everyFixtureEventIsWrittenAsTheEncoderWritesIt() throws {
        let root = TraceFixtures.directory.deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["traces", "traces/field", "traces/data", "logs"] {
            let directory = root.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { !$0.hasDirectoryPath }
        }
        #expect(files.count >= 14)
        var count = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            var stream = TraceDecodeStream(format: LogFormat.detect(bytes) ?? .modemKitTrace)
            stream.append(bytes)
            stream.finish()
            while let event = stream.next() {
                #expect(Self.written(event) == (try Self.encoded(event)), "\(file.lastPathComponent) line \(event.line)")
                count += 1
            }
        }
        #expect(count > 200)
    }

    static let texts: [String] = {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["", "a/b", "\"quoted\" \\ back", "é", "日本", "🙂", "\u{2028}\u{2029}", "\u{FFFD}", "\u{7F}", "tab\there\r\n",
                  "\u{0}\u{1F}x", "+CMT: \"\",26", "\\x1a"]
        return texts
    }()

    @Test func stringsAndNumbersAreWrittenAsTheEncoderWritesThem() throws {
        var generator = SeededGenerator(seed: 29)
        let micros: [Int64] = [0, 1, 9, 10, 99, 100, 999, 1_000, 10_000, 123_456, 999_999, 1_000_000, 3_961_440_123_456,
                               TraceTime.maximum.microseconds] + (0..<300).map { _ in Int64.random(in: 0...TraceTime.maximum.microseconds, using: &generator) }
            + (0..<300).map { _ in Int64.random(in: 0...2_000_000, using: &generator) }
        for (index, micro) in micros.enumerated() {
            let text = Self.texts[index % Self.texts.count]
            let start = TraceTime(microseconds: micro)
            let end = TraceTime(microseconds: micros[(index * 7) % micros.count])
            let urc = DecodedURC(
                name: text, text: text, following: index % 2 == 0 ? [] : [text, "x"], payload: index % 3 == 0 ? nil : Array(text.utf8),
                line: index, time: start, during: index % 4 == 0 ? nil : text, observations: [.restart(text)])
            let transaction = DecodedTransaction(
                command: text, redacted: index % 2 == 0, line: index, start: start, end: end, echoed: index % 3 == 0,
                prompted: index % 5 == 0, payload: index % 2 == 0 ? nil : Array(text.utf8), lines: [text, text],
                droppedLines: index % 7, urcs: index % 2 == 0 ? [] : [urc, urc],
                final: [ATFinalResult.ok, .error, .cmeError(CMEError(code: index)), .vendor(text, success: false)][index % 4],
                unfinished: index % 3 == 0 ? text : nil, observations: [])
            let events: [DecodedEvent] = [
                .transaction(transaction), .urc(urc),
                .unexpectedLine(DecodedLine(text: text, line: index, time: start, reason: text)),
                .annotation(DecodedAnnotation(name: text, text: text, line: index, time: end)),
                .problem(DecodeProblem(line: index, message: text)),
            ]
            for event in events {
                #expect(Self.written(event) == (try Self.encoded(event)), "\(text.unicodeScalars.map(\.value)) \(micro)")
            }
        }
    }

    @Test func everyObservationShapeIsWrittenAsTheEncoderWritesIt() throws {
        let statuses: [Registration.Status] = [.home, .roaming, .searching, .denied, .other(9)]
        var observations: [Observation] = [.restart("RDY"), .restart("")]
        for (index, status) in statuses.enumerated() {
            for technology in [nil, AccessTechnology.eutran, .gsm] {
                observations.append(.registration(RegistrationObservation(
                    domain: Registration.Domain.allCases[index % 3], status: status, previous: index % 2 == 0 ? nil : .home,
                    accessTechnology: technology, rejectCause: index == 3 ? 15 : nil)))
            }
        }
        for rssi in [nil, 0, 31] as [Int?] {
            for previous in [nil, .some(nil), .some(3)] as [Int??] {
                observations.append(.signal(SignalObservation(rssi: rssi, dBm: rssi.map { -113 + 2 * $0 }, previous: previous)))
            }
        }
        for address in [nil, "+31612345678"] as [String?] {
            for text in [nil, "Hello \"you\"\n"] as [String?] {
                var sms = SMSObservation(text: text ?? "", kind: "deliver", address: address)
                sms.text = text
                sms.part = text == nil ? nil : "1/2"
                sms.status = address == nil ? nil : "delivered"
                observations.append(.sms(sms))
            }
        }
        observations.append(.sms(SMSObservation(pduHex: "00ZZ", direction: .toMobile)))
        observations.append(.sms(SMSObservation(pduHex: "0011000B911326880736F40000AA05C8329BFD06", direction: .fromMobile)))
        for observation in observations {
            let event = DecodedEvent.urc(DecodedURC(
                name: "+X", text: "+X: 1", following: [], payload: nil, line: 1, time: .zero, during: nil, observations: [observation]))
            #expect(Self.written(event) == (try Self.encoded(event)), "\(observation)")
        }
    }

    /// Times and durations are written from their integers; they must read as the `Double`
    /// printed by `number(_:)` (its `description`), at every scale, edge and size.
    @Test func decimalsAreWrittenAsTheirDoublesArePrinted() {
        var generator = SeededGenerator(seed: 61)
        var values: [Int64] = Array(-3...2_100) + [9_999, 10_000, 99_999, 100_000, 999_999_999_999_999, 1_000_000_000_000_000,
                                                   1_000_000_000_000_001, Int64.max, Int64.min, -1_000_000]
        values += (0..<20_000).map { _ in Int64.random(in: 0..<1_000_000_000_000_000, using: &generator) }
        values += (0..<2_000).map { _ in Int64.random(in: Int64.min...Int64.max, using: &generator) }
        values += (0..<2_000).map { _ in Int64.random(in: 0...99, using: &generator) * 10_000_000_000 }
        for value in values {
            for (scale, unit) in [(3, 1_000.0), (6, 1_000_000.0)] {
                var fast = TextBuffer(capacity: 32)
                fast.decimal(value, scale: scale)
                var slow = TextBuffer(capacity: 32)
                slow.number(Double(value) / unit)
                #expect(fast.bytes == slow.bytes, "\(value) at scale \(scale)")
            }
        }
    }

    /// The eight-byte scan for bytes to escape: one such byte at every position of strings a
    /// few words long, among ASCII and multi-byte UTF-8, written as the encoder writes them.
    @Test func everyPositionOfAnEscapeIsFound() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let fillers = ["abcdefgh/", "é日", "\u{7F}~ ", "🙂"]
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\t"] {
            for filler in fillers {
                let base = String(repeating: filler, count: 6)
                for position in 0...base.count {
                    var text = base
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    let doubled = text + special + text
                    for value in [text, doubled, special, filler] {
                        var json = TextBuffer(capacity: 16)
                        json.jsonString(value)
                        let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
                        #expect(json.withBytes { String(decoding: $0, as: UTF8.self) } == expected, "\(value.unicodeScalars.map(\.value))")
                    }
                }
            }
        }
    }
}
