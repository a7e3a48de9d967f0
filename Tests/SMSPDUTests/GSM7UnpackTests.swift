import ModemKitTestSupport
import Testing
@testable import SMSPDU

/// The fused 7-bit decoder (`decodePacked`: eight septets per load, a group with an escape redone
/// septet by septet, the `String` made without validation) against the plain reference: unpack
/// septet by septet (`GSM7Packing.unpack`), then map (`GSM7Alphabet.text`).
@Suite struct GSM7UnpackTests {
    static let alphabets: [GSM7Alphabet] = [GSM7Alphabet()] + NationalLanguage.allCases.map {
        GSM7Alphabet(lockingShift: $0.hasLockingShiftTable ? $0 : nil, singleShift: $0)
    }

    static func outcome(_ body: () throws(PDUError) -> String) -> Result<String, PDUError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    /// Both decoders on `septets` packed after `fill` bits, with the packed octets cut to `octets`
    /// when given (the missing ones read as zero).
    static func check(_ septets: [UInt8], fill: Int, alphabet: GSM7Alphabet = GSM7Alphabet(), octets: Int? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        var packed = GSM7Packing.pack(septets, fillBits: fill)
        if let octets { packed.removeLast(max(0, packed.count - octets)) }
        let bytes = ArraySlice(packed)
        let fast = outcome { () throws(PDUError) in try alphabet.decodePacked(bytes, count: septets.count, fillBits: fill) }
        let reference = outcome { () throws(PDUError) in
            try alphabet.text(GSM7Packing.unpack(bytes, count: septets.count, fillBits: fill))
        }
        #expect(fast == reference, "\(alphabet) fill \(fill) septets \(septets)", sourceLocation: sourceLocation)
        if case .success(let text) = fast, case .success(let expected) = reference {
            // The ASCII flag given to the String must not lie: compare by scalars and characters too.
            #expect(Array(text.unicodeScalars) == Array(expected.unicodeScalars), sourceLocation: sourceLocation)
            #expect(text.count == expected.count, sourceLocation: sourceLocation)
            #expect(text.utf8.allSatisfy { $0 < 0x80 } == expected.unicodeScalars.allSatisfy(\.isASCII), sourceLocation: sourceLocation)
        }
    }

    @Test func everyLengthAndFillBits() {
        var generator = SeededGenerator(seed: 23)
        for length in 0...160 {
            for fill in 0...6 {
                // Defined septets of the default table, no escapes: the eight-at-a-time path.
                let plain = (0..<length).map { _ in
                    var septet: UInt8
                    repeat { septet = UInt8.random(in: 0..<128, using: &generator) } while septet == 0x1B
                    return septet
                }
                Self.check(plain, fill: fill)
                // ASCII letters only, so the string is flagged ASCII.
                Self.check((0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &generator) }, fill: fill)
                // About one escape in six: groups redone septet by septet, escapes across groups.
                let escaped = (0..<length).map { _ in
                    Int.random(in: 0..<6, using: &generator) == 0 ? 0x1B : UInt8.random(in: 0..<128, using: &generator)
                }
                Self.check(escaped, fill: fill)
            }
        }
    }

    @Test func escapeAtEveryPositionOfTwoGroups() throws {
        // € (1B 65), escape-escape (a space), an escape before a septet the extension table lacks
        // (the main table's character), and a lone escape at the end.
        for length in 1...24 {
            for position in 0..<length {
                for follower: UInt8 in [0x65, 0x1B, 0x41, 0x28] {
                    var septets = [UInt8](repeating: 0x61, count: length)
                    septets[position] = 0x1B
                    if position + 1 < length { septets[position + 1] = follower }
                    for fill in 0...6 { Self.check(septets, fill: fill) }
                }
            }
        }
        #expect(try GSM7Alphabet().decodePacked(ArraySlice(GSM7Packing.pack([0x1B, 0x65, 0x1B, 0x1B, 0x1B])), count: 5, fillBits: 0) == "€  ")
    }

    @Test func everyNationalTableAndUndefinedSeptets() {
        var generator = SeededGenerator(seed: 1_238)
        for alphabet in Self.alphabets {
            for length in [1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 153, 160] {
                for fill in 0...6 {
                    // Any septet: national tables leave some undefined, which must throw the
                    // reference's error (kind and septet index) or decode alike.
                    for _ in 0..<4 {
                        Self.check((0..<length).map { _ in UInt8.random(in: 0..<128, using: &generator) }, fill: fill, alphabet: alphabet)
                    }
                }
            }
        }
    }

    @Test func missingOctetsReadAsZero() {
        var generator = SeededGenerator(seed: 99)
        for length in [1, 8, 9, 16, 40, 160] {
            let septets = (0..<length).map { _ in UInt8.random(in: 0x20...0x7A, using: &generator) }
            for fill in 0...6 {
                let full = GSM7Packing.octetCount(septets: length, fillBits: fill)
                for octets in 0...full { Self.check(septets, fill: fill, octets: octets) }
            }
        }
    }
}

/// UCS-2 is transcoded by hand into a `String` made without validation: it must match the standard
/// library's UTF-16 decoding (lone surrogates repaired to U+FFFD) for any units.
@Suite struct UCS2DecodeTests {
    @Test func matchesTheStandardLibraryForAnyUnits() {
        var generator = SeededGenerator(seed: 4_242)
        let pools: [ClosedRange<UInt16>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0xD800...0xDFFF]
        for length in 0...80 {
            for _ in 0..<8 {
                let units = (0..<length).map { _ in
                    UInt16.random(in: pools[Int.random(in: 0..<pools.count, using: &generator)], using: &generator)
                }
                let octets = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                let text = GSM7Alphabet.decodeUCS2(ArraySlice(octets))
                let expected = String(decoding: units, as: UTF16.self)
                #expect(text == expected, "\(units)")
                #expect(Array(text.unicodeScalars) == Array(expected.unicodeScalars))
                #expect(text.count == expected.count)
            }
        }
    }
}
