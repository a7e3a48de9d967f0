import SMSPDU
import Telemetry
import Testing

/// Layer 1: compact SMS text stays in the default alphabet, carries IDs and fills the parts.
@Suite struct SMSFallbackComposerTests {
    static func reading(_ n: Int, _ payload: String, at time: Int64 = 1_764_112_345_123) -> TelemetryReading {
        TelemetryReading(id: String(format8(n)) + "-8a51-4a47-9d43-3d8f0f2c9e10", enqueuedAt: time + Int64(n), sequence: Int64(n), payload: Array(payload.utf8))
    }

    static func format8(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    @Test func oneReadingIsOneLine() {
        let text = SMSFallbackComposer.compose([Self.reading(0xab, #"{ "t" : 21.5 }"#)])
        #expect(text.text == #"000000ab 1764112345294 {"t":21.5}"#)
        #expect(text.included == ["000000ab-8a51-4a47-9d43-3d8f0f2c9e10"])
        #expect(text.partCount == 1 && text.tooLarge.isEmpty)
    }

    @Test func theFullIDAndAHeaderAreOptions() {
        let text = SMSFallbackComposer.compose([Self.reading(1, "3")], options: .init(idForm: .full, header: "gw-7 ✓"))
        #expect(text.text == "gw-7 ?\n00000001-8a51-4a47-9d43-3d8f0f2c9e10 1764112345124 3")
    }

    @Test func charactersOutsideTheAlphabetAreEscapedSoTheJSONIsUnchanged() throws {
        let text = SMSFallbackComposer.compose([Self.reading(2, #"{"site":"Kraków 😀 `x`","e":"é€ø"}"#)])
        // ó is not in the default alphabet, é and ø are; € is in the extension table; 😀 and ` are in neither.
        #expect(text.text == #"00000002 1764112345125 {"site":"Krak\u00f3w \ud83d\ude00 \u0060x\u0060","e":"é€ø"}"#)
        #expect(GSM7Alphabet().canEncode(text.text))
        #expect(try SMSEncoder.plan(text.text).encoding == .gsm7(lockingShift: nil, singleShift: nil))
    }

    @Test func asManyAsFitInOnePartInOrder() throws {
        // Each line is 8 + 1 + 13 + 1 + 10 = 33 septets, 34 with its newline: four fit in 160, five do not.
        let readings = (0..<8).map { Self.reading($0, #""abcdefgh""#) }
        let text = SMSFallbackComposer.compose(readings)
        #expect(text.included == readings.prefix(4).map(\.id))
        #expect(text.partCount == 1)
        #expect(try SMSEncoder.plan(text.text).partCount == 1)
        #expect(text.text.split(separator: "\n").count == 4)
    }

    @Test func multipartTakesMore() throws {
        let readings = (0..<20).map { Self.reading($0, #""abcdefgh""#) }
        let text = SMSFallbackComposer.compose(readings, options: .init(maxParts: 3))
        // 3 × 153 = 459 septets: 13 lines (13 × 34 − 1 = 441), the 14th needs 475.
        #expect(text.included.count == 13)
        #expect(text.partCount == 3)
        #expect(try SMSEncoder.plan(text.text, options: .init(preference: .gsm7, maxParts: 3)).partCount == 3)
    }

    @Test func aReadingTooLargeEvenAloneIsReportedNotSilentlyDropped() {
        let big = Self.reading(1, "\"" + String(repeating: "x", count: 200) + "\"")
        let small = Self.reading(2, "1")
        let text = SMSFallbackComposer.compose([big, small])
        let septets: Int = 8 + 1 + 13 + 1 + 202
        #expect(text.tooLarge == [SMSFallbackText.TooLarge(id: big.id, septets: septets)])
        #expect(text.included == [small.id])
        let twoParts = SMSFallbackComposer.compose([big, small], options: .init(maxParts: 2))
        #expect(twoParts.tooLarge.isEmpty && twoParts.included == [big.id, small.id] && twoParts.partCount == 2)
    }

    @Test func nothingToSend() {
        #expect(SMSFallbackComposer.compose([]) == SMSFallbackText())
    }

    @Test func extensionCharactersCountTwoSeptets() {
        // 152 septets of "[" ×76 would fit twice over as plain characters; as extension characters they do not.
        let reading = Self.reading(1, "[" + String(repeating: "[", count: 70) + "]")
        let text = SMSFallbackComposer.compose([reading])
        let septets: Int = 8 + 1 + 13 + 1 + 72 * 2
        #expect(text.tooLarge.map(\.septets) == [septets])
    }
}

@Suite struct EnvelopeLineTests {
    @Test func aLineIsCompactJSONWithoutNewlinesInside() {
        let reading = TelemetryReading(id: "a", enqueuedAt: 5, sequence: 1, payload: Array("{\n  \"t\": 1,\n  \"s\": \"a\tb\"\n}".utf8))
        #expect(String(decoding: TelemetryEnvelope.line(reading), as: UTF8.self) == "{\"id\":\"a\",\"ts\":5,\"data\":{\"t\":1,\"s\":\"a\\u0009b\"}}\n")
    }

    @Test func linesArePackedInOrderAndOversizeIsReported() {
        let readings = ["1", "22", String(repeating: "3", count: 60), "4"].enumerated().map { index, payload in
            TelemetryReading(id: "r\(index)", enqueuedAt: 0, sequence: Int64(index), payload: Array(payload.utf8))
        }
        // {"id":"r0","ts":0,"data":1}\n is 28 bytes.
        let packing = TelemetryEnvelope.packLines(readings, maxBytes: 60)
        #expect(packing.packets.map(\.ids) == [["r0", "r1"], ["r3"]])
        #expect(packing.packets[0].bytes.count == 57)
        #expect(packing.oversize == [.init(id: "r2", bytes: 87)])
    }

    @Test func compactJSONNeverTrapsOnGarbage() {
        for seed in 0..<500 {
            var bytes: [UInt8] = []
            var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
            for _ in 0..<40 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            let text = CompactJSON.text(bytes) { !GSM7Alphabet().canEncode(String($0)) }
            #expect(GSM7Alphabet().canEncode(text))
        }
    }
}
