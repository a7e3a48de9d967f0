import Testing
@testable import SMSPDU

@Suite struct SMSEncoderTests {
    @Test func limitsOfEachEncoding() throws {
        let cases: [(String, SMSEncoder.Options, SMSEncoding, Int, Int)] = [
            (String(repeating: "a", count: 160), .init(), .gsm7(lockingShift: nil, singleShift: nil), 1, 0),
            (String(repeating: "a", count: 161), .init(), .gsm7(lockingShift: nil, singleShift: nil), 2, 153 - 8),
            (String(repeating: "a", count: 306), .init(), .gsm7(lockingShift: nil, singleShift: nil), 2, 0),
            (String(repeating: "я", count: 70), .init(), .ucs2, 1, 0),
            (String(repeating: "я", count: 71), .init(), .ucs2, 2, 67 - 4),
            (String(repeating: "a", count: 153), .init(uses16BitReference: true), .gsm7(lockingShift: nil, singleShift: nil), 1, 7),
            (String(repeating: "a", count: 161), .init(uses16BitReference: true), .gsm7(lockingShift: nil, singleShift: nil), 2, 152 - 9),
        ]
        for (text, options, encoding, parts, left) in cases {
            let plan = try SMSEncoder.plan(text, options: options)
            #expect(plan.encoding == encoding)
            #expect(plan.partCount == parts, "\(text.count) chars")
            #expect(plan.unitsLeftInLastPart == left, "\(text.count) chars")
        }
    }

    @Test func nationalShiftOnlyWhenAllowed() throws {
        let text = "Çok güzel şey"
        #expect(try SMSEncoder.plan(text).encoding == .ucs2)
        let plan = try SMSEncoder.plan(text, options: .init(allowedLanguages: [.turkish]))
        // The Turkish locking table holds Ç, ü and ş as single septets: cheaper than escapes.
        #expect(plan.encoding == .gsm7(lockingShift: .turkish, singleShift: nil))
        // One shift element (3 octets + UDHL = 4 octets = 5 septets): 155 septets.
        #expect(plan.parts[0].capacity == 155)
        let submit = plan.submits(to: SMSAddress("+905321234567"))[0]
        let pdu = try SMSPDU.decode(SMSPDU(tpdu: .submit(submit)).encoded().bytes, direction: .fromMobile)
        guard case .submit(let decoded) = pdu.tpdu else { Issue.record("not a submit"); return }
        #expect(decoded.userData.text == text)
        #expect(decoded.userData.header?.lockingShift == .turkish)
        // Spanish has only a single shift table: "á" becomes escape + septet.
        let spanish = try SMSEncoder.plan("Está bien", options: .init(allowedLanguages: [.spanish]))
        #expect(spanish.encoding == .gsm7(lockingShift: nil, singleShift: .spanish))
        #expect(spanish.totalUnits == 10)
    }

    @Test func shiftElementsShrinkParts() throws {
        // Turkish locking shift only: one 3-octet element. Single part: UDH 4 octets → 5 septets
        // → 155; concatenated: 1 + 5 + 3 = 9 octets → 11 septets → 149.
        let turkish = String(repeating: "ı", count: 300)
        let plan = try SMSEncoder.plan(turkish, options: .init(allowedLanguages: [.turkish]))
        #expect(plan.encoding == .gsm7(lockingShift: .turkish, singleShift: nil))
        #expect(plan.parts.map(\.capacity) == [149, 149, 149])
        #expect(plan.parts.map(\.units) == [149, 149, 2])
        // Both shift elements: Portuguese "ª" is only in its locking table, "Θ" only in its single
        // shift table: 1 + 5 + 3 + 3 = 12 octets → 14 septets → 146 per concatenated part.
        let both = String(repeating: "ªΘ", count: 100)
        let bothPlan = try SMSEncoder.plan(both, options: .init(allowedLanguages: [.portuguese]))
        #expect(bothPlan.encoding == .gsm7(lockingShift: .portuguese, singleShift: .portuguese))
        #expect(bothPlan.parts.first?.capacity == 146)
        #expect(bothPlan.parts.first?.units == 145)   // 48 pairs of 1 + 2 septets, one "ª"; "Θ" needs 2
    }

    @Test func escapeAndSurrogatePairsAreNeverCut() throws {
        // 152 'a' then '€' (2 septets): the euro does not fit part 1's 153 and moves whole.
        let gsm = String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 10)
        let plan = try SMSEncoder.plan(gsm)
        #expect(plan.parts.map(\.units) == [152, 12])
        // 66 'я' then an emoji (2 units): part 1 holds 66, the emoji goes whole to part 2.
        let ucs = String(repeating: "я", count: 66) + "😀" + "xxxxx"
        let ucsPlan = try SMSEncoder.plan(ucs)
        #expect(ucsPlan.parts.map(\.units) == [66, 7])
        #expect(ucsPlan.parts.map(\.text).joined() == ucs)
    }

    @Test func forcedGSM7RefusesEmojiNamingIt() {
        #expect(throws: PDUError(.unrepresentable("😀"), offset: 3)) {
            try SMSEncoder.plan("hi 😀", options: .init(preference: .gsm7))
        }
    }

    @Test func concatenatedPartsCarryReferenceTotalSequence() throws {
        let plan = try SMSEncoder.plan(String(repeating: "x", count: 400))
        let userData = plan.userData(reference: 0x2A)
        #expect(userData.count == 3)
        #expect(userData.map { $0.header?.elements.first } == [
            .concatenated8(reference: 0x2A, total: 3, sequence: 1),
            .concatenated8(reference: 0x2A, total: 3, sequence: 2),
            .concatenated8(reference: 0x2A, total: 3, sequence: 3),
        ])
        // Header 05 00 03 2A 03 01 then one fill bit before the first septet.
        let wire = try SMSPDU(tpdu: .submit(plan.submits(to: SMSAddress("+1234"), reference: 0x2A)[0])).encoded()
        // SMSC 00, SUBMIT with UDHI (41), MR 00, DA +1234, PID 00, DCS 00, UDL 160, UDH.
        let expected = "0041000491214300" + "00A00500032A0301"
        #expect(wire.hex.hasPrefix(expected))
        #expect(wire.tpduLength == wire.bytes.count - 1)
    }
}
