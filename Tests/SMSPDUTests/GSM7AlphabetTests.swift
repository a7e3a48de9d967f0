import Testing
@testable import SMSPDU

@Suite struct GSM7AlphabetTests {
    /// TS 23.038 §6.1.2.1.1 packing example, as reprinted by dreamfabric.com's "SMS messages and
    /// the PDU format": "hellohello" → E8329BFD4697D9EC37.
    @Test func hellohelloPacking() throws {
        let septets = try GSM7Alphabet().septets("hellohello")
        #expect(PDUHex.string(GSM7Packing.pack(septets)) == "E8329BFD4697D9EC37")
        let unpacked = GSM7Packing.unpack(ArraySlice(try PDUHex.bytes("E8329BFD4697D9EC37")), count: 10)
        #expect(try GSM7Alphabet().text(unpacked) == "hellohello")
    }

    @Test func extensionTableUsesEscape() throws {
        #expect(try GSM7Alphabet().septets("a€[") == [0x61, 0x1B, 0x65, 0x1B, 0x3C])
        #expect(try GSM7Alphabet().text([0x61, 0x1B, 0x65, 0x1B, 0x3C]) == "a€[")
    }

    @Test func unrepresentableNamesCharacterAndOffset() {
        #expect(throws: PDUError(.unrepresentable("😀"), offset: 2)) {
            try GSM7Alphabet().septets("ab😀c")
        }
    }

    @Test func turkishShiftTables() throws {
        #expect(try GSM7Alphabet(singleShift: .turkish).septets("ş") == [0x1B, 0x73])
        #expect(try GSM7Alphabet(lockingShift: .turkish).text([0x07]) == "ı")
    }

    @Test func everyTableRoundTrips() throws {
        let combinations: [GSM7Alphabet] = [GSM7Alphabet()] + NationalLanguage.allCases.map {
            GSM7Alphabet(lockingShift: $0.hasLockingShiftTable ? $0 : nil, singleShift: $0)
        }
        for alphabet in combinations {
            for septet in UInt8(0)..<128 where septet != 0x1B {
                guard let text = try? alphabet.text([septet]) else { continue }
                let back = try alphabet.text(try alphabet.septets(text))
                #expect(back == text, "\(alphabet) septet \(septet)")
            }
        }
    }

    @Test func hexRejectsBadInput() {
        #expect(throws: PDUError(.invalidHex("G"), offset: 2)) { try PDUHex.bytes("07G1") }
        #expect(throws: PDUError(.oddHexLength, offset: 3)) { try PDUHex.bytes("079") }
    }
}
