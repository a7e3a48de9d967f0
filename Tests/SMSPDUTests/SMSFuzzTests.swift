import ModemKitTestSupport
import Testing
@testable import SMSPDU

/// Random and mutated PDUs never trap; every error's offset lies within the input.
@Suite struct SMSFuzzTests {
    static let seeds: [String] = [
        "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37",
        "0011000B916407281553F80000AA0AE8329BFD4697D9EC37",
        "07911326040000F0060E0B911326880736F4211082116170402110821161704000060300",
        "0041000491214300" + "00A00500032A0301" + String(repeating: "F0", count: 134),
        "01D00721108211617040000004C834AB0C",
        "00D3070000",
    ]

    static func check(_ bytes: [UInt8]) {
        for direction in [SMSDirection.toMobile, .fromMobile] {
            for includesSMSC in [true, false] {
                do {
                    let pdu = try SMSPDU.decode(bytes, direction: direction, includesSMSC: includesSMSC)
                    // Whatever decodes must re-encode without trapping (reports may refuse).
                    _ = try? pdu.encoded(includingSMSC: includesSMSC)
                } catch {
                    #expect(error.offset >= 0 && error.offset <= bytes.count, "\(error) for \(PDUHex.string(bytes))")
                }
            }
        }
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 0xF022_0001)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...200, using: &generator)
            Self.check((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func mutatedValidPDUs() throws {
        var generator = SeededGenerator(seed: 0xF022_0002)
        let bases = try Self.seeds.map { try PDUHex.bytes($0) }
        for _ in 0..<40_000 {
            var bytes = bases[Int.random(in: 0..<bases.count, using: &generator)]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                case 1: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 2: bytes.removeSubrange(index...)
                case 3: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                default: bytes.remove(at: index)
                }
            }
            Self.check(bytes)
        }
    }

    @Test func everyTruncationIsATypedError() throws {
        for hex in Self.seeds {
            let bytes = try PDUHex.bytes(hex)
            // A status report may end after TP-ST (33 octets here): TP-PI and what follows are optional.
            let end = hex.hasPrefix("07911326") ? 33 : bytes.count
            for length in 0..<end {
                let prefix = Array(bytes[..<length])
                #expect(throws: PDUError.self) {
                    try SMSPDU.decode(prefix, direction: hex.hasPrefix("00") || hex.hasPrefix("0041") ? .fromMobile : .toMobile)
                }
            }
        }
    }

    @Test func namedMalformedCases() throws {
        // UDL 0x0A (10 septets = 9 octets) but only 8 octets of user data.
        #expect(throws: PDUError(.userDataTooLong(declared: 9, available: 8), offset: 26)) {
            try SMSPDU.decode(hex: "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC", direction: .toMobile)
        }
        // Day semi-octet 0xA (TP-SCTS starts at offset 19).
        #expect(throws: PDUError(.invalidSemiOctet(field: "TP-SCTS", value: 0xA), offset: 21)) {
            try SMSPDU.decode(hex: "07917283010010F5040BC87238880900F100009930A2516195800AE8329BFD4697D9EC37", direction: .toMobile)
        }
        // UDHI set, UDHL 0x20 larger than the 6 octets of user data.
        #expect(throws: PDUError(.headerOverrun(declared: 0x20, available: 5), offset: 8)) {
            try SMSPDU.decode(hex: "0041000081000406" + "200003010201", direction: .fromMobile)
        }
        // Filler 0xF in the middle of an address.
        #expect(throws: PDUError(.invalidSemiOctet(field: "TP-DA", value: 0xF), offset: 5)) {
            try SMSPDU.decode(hex: "0001000491F12100000100", direction: .fromMobile)
        }
        // Bytes after the user data.
        #expect(throws: PDUError(.trailingBytes(1), offset: 11)) {
            try SMSPDU.decode(hex: "00010004912143000001410F", direction: .fromMobile)
        }
        // MTI 0b11.
        #expect(throws: PDUError(.unsupportedMessageType(3), offset: 1)) {
            try SMSPDU.decode(hex: "0003", direction: .toMobile)
        }
    }

    @Test func unknownElementsAreKeptByteExact() throws {
        // UDH: unknown IEI 0x70 (3 octets), port 16-bit, concat 16-bit, a concat with a wrong length.
        let elements = "7003AABBCC" + "050400E20000" + "0804BEEF0301" + "000201FF"   // 21 octets
        let hex = "00" + "41" + "00" + "04812143" + "00" + "04" + "18" + "15" + elements + "CAFE"
        let pdu = try SMSPDU.decode(hex: hex, direction: .fromMobile)
        guard case .submit(let submit) = pdu.tpdu else { Issue.record("not a submit"); return }
        let expected: [UserDataHeader.Element] = [
            .other(identifier: 0x70, data: [0xAA, 0xBB, 0xCC]),
            .applicationPort16(destination: 0x00E2, source: 0),
            .concatenated16(reference: 0xBEEF, total: 3, sequence: 1),
            .other(identifier: 0x00, data: [0x01, 0xFF]),
        ]
        #expect(submit.userData.header?.elements == expected)
        #expect(submit.userData.body == SMSUserData.Body.data([0xCA, 0xFE]))
        #expect(try pdu.encoded().hex == hex)
    }
}
