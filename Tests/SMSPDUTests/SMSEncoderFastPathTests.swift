import ModemKitTestSupport
import Testing
@testable import SMSPDU

/// The encoder's fast paths against the general ones: the single-part planner
/// (`SMSEncoder.singlePartPlan`) against the full search (`generalPlan`), the stack septet mapping
/// and 8-at-a-time packing (`appendPacked`) against septets then `GSM7Packing.pack`, and UCS-2
/// straight from UTF-8 (`appendUCS2`) against `String.utf16`.
@Suite struct SMSEncoderFastPathTests {
    /// ASCII (with the characters the default alphabet lacks or keeps in its extension table),
    /// two-byte characters in and out of it, €, Greek, Turkish, Cyrillic, CJK and emoji.
    static let pool = Array(
        "abcxyz ABCXYZ 0189 .,!?@$_`\u{7F}\t\r\n{}[]~\\^|£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà€ΔΦΓΛΩΠΨΣΘΞçğıŞşĞİ¡Привет你好😀é"
            .unicodeScalars
    )

    static func text(_ length: Int, from pool: [Unicode.Scalar], using generator: inout SeededGenerator) -> String {
        var view = String.UnicodeScalarView()
        for _ in 0..<length { view.append(pool[Int.random(in: 0..<pool.count, using: &generator)]) }
        return String(view)
    }

    static func outcome<T>(_ body: () throws(PDUError) -> T) -> Result<T, PDUError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    static let optionSets: [SMSEncoder.Options] = [
        .init(), .init(preference: .gsm7), .init(preference: .ucs2), .init(uses16BitReference: true),
        .init(allowedLanguages: [.turkish, .portuguese]), .init(preference: .gsm7, allowedLanguages: [.spanish]),
        .init(preference: .ucs2, allowedLanguages: [.turkish]),
    ]

    @Test func plannerMatchesTheGeneralSearch() {
        var generator = SeededGenerator(seed: 0x57A1)
        var texts = ["", "a", "€", "😀", String(repeating: "a", count: 160), String(repeating: "a", count: 161),
                     String(repeating: "{", count: 80), String(repeating: "{", count: 81), String(repeating: "ж", count: 70),
                     String(repeating: "ж", count: 71), String(repeating: "😀", count: 35), String(repeating: "😀", count: 36),
                     String(repeating: "é", count: 700)]
        for pool in [Self.pool, Array("abc {€ä".unicodeScalars), Array("abcжq😀".unicodeScalars)] {
            for _ in 0..<300 { texts.append(Self.text(Int.random(in: 0...200, using: &generator), from: pool, using: &generator)) }
        }
        for text in texts {
            for options in Self.optionSets {
                let fast = Self.outcome { () throws(PDUError) in try SMSEncoder.plan(text, options: options) }
                let general = Self.outcome { () throws(PDUError) in try SMSEncoder.generalPlan(text, options: options) }
                #expect(fast == general, "\(options) \(text.debugDescription)")
            }
        }
    }

    @Test func packingMatchesSeptetsThenPack() {
        var generator = SeededGenerator(seed: 0x9AC7)
        let alphabets: [GSM7Alphabet] = [GSM7Alphabet(), GSM7Alphabet(singleShift: .turkish),
                                         GSM7Alphabet(lockingShift: .portuguese, singleShift: .portuguese)]
        var texts = ["", "@", "hellohello", String(repeating: "x", count: 160), String(repeating: "ä", count: 160),
                     String(repeating: "€", count: 120)]
        for pool in [Self.pool, Array("abc {€ä".unicodeScalars), Array("abcdefgh".unicodeScalars)] {
            for _ in 0..<200 { texts.append(Self.text(Int.random(in: 0...400, using: &generator), from: pool, using: &generator)) }
        }
        for text in texts {
            for alphabet in alphabets {
                for (fill, room) in [(0, 160), (1, 159), (6, 153), (3, 20), (0, 0)] {
                    var fastOut: [UInt8] = [0xAA]
                    let fast = Self.outcome { () throws(PDUError) in
                        try alphabet.appendPacked(text, fillBits: fill, maxSeptets: room, into: &fastOut)
                    }
                    let reference = Self.outcome { () throws(PDUError) -> Int in
                        let septets = try alphabet.septets(text)
                        guard septets.count <= room else {
                            throw PDUError(.valueOutOfRange(field: "TP-UDL", value: septets.count), offset: 1)
                        }
                        return septets.count
                    }
                    #expect(fast == reference, "\(alphabet) fill \(fill) room \(room) \(text.debugDescription)")
                    if case .success = fast, let septets = try? alphabet.septets(text) {
                        #expect(fastOut == [0xAA] + GSM7Packing.pack(septets, fillBits: fill), "\(alphabet) fill \(fill) \(text.debugDescription)")
                    }
                }
            }
        }
    }

    @Test func ucs2MatchesUTF16() {
        var generator = SeededGenerator(seed: 0x0C52)
        for _ in 0..<300 {
            let text = Self.text(Int.random(in: 0...80, using: &generator), from: Self.pool, using: &generator)
            var out: [UInt8] = [7]
            GSM7Alphabet.appendUCS2(text, into: &out)
            #expect(out == [7] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "\(text.debugDescription)")
        }
    }

    /// One part is stored without an array; through `parts` a plan reads and writes as before.
    @Test func onePartStorageReadsAndWritesAsAnArray() throws {
        let one = try SMSEncoder.plan("hello")
        let many = try SMSEncoder.plan(String(repeating: "x", count: 200))
        #expect(one.parts.count == 1 && one.partCount == 1 && one.totalUnits == 5 && one.unitsLeftInLastPart == 155)
        var edited = many
        edited.parts = [many.parts[0]]
        #expect(edited.partCount == 1 && edited.userData().count == 1)
        edited.parts = many.parts
        #expect(edited == many && edited.hashValue == many.hashValue)
        var rebuilt = one
        rebuilt.parts = one.parts
        #expect(rebuilt == one && rebuilt.hashValue == one.hashValue)
        rebuilt.parts[0].text = "hellx"
        #expect(rebuilt.parts[0].text == "hellx" && rebuilt.submits(to: SMSAddress("+1")).count == 1)
        edited.parts = []
        #expect(edited.partCount == 0 && edited.unitsLeftInLastPart == 0 && edited.submits(to: SMSAddress("+1")).isEmpty)
    }
}
