import ModemKitTestSupport
import Testing
@testable import SMSPDU

/// Property tests over seeded random text: encode → decode is the identity for every part split,
/// and the reassembler gives the text back from shuffled parts.
@Suite struct SMSRoundTripTests {
    static let gsmBasic = Array("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà".unicodeScalars)
    static let gsmExtension = Array("^{}\\[~]|€\u{0C}".unicodeScalars)
    static let emoji = Array("😀🎉👍🏽🇩🇪❤️✓".unicodeScalars)

    /// Scalars one table pair can carry: the language's single shift table with the default
    /// table, or with the language's own locking table (which replaces the default one).
    static func nationalPools(_ language: NationalLanguage) -> [[Unicode.Scalar]] {
        func scalars(_ codes: [UInt32]) -> [Unicode.Scalar] { codes.filter { $0 != 0 }.compactMap(Unicode.Scalar.init) }
        var pools = [scalars(GSMTables.defaultLocking + language.singleShiftTable)]
        if let locking = language.lockingTable { pools.append(scalars(locking + language.singleShiftTable)) }
        return pools
    }

    static func randomText(_ generator: inout SeededGenerator, pool: [Unicode.Scalar], length: Int) -> String {
        var view = String.UnicodeScalarView()
        for _ in 0..<length { view.append(pool[Int.random(in: 0..<pool.count, using: &generator)]) }
        return String(view)
    }

    static func roundTrip(_ text: String, options: SMSEncoder.Options, reference: UInt16) throws -> SMSEncodingPlan {
        let plan = try SMSEncoder.plan(text, options: options)
        #expect(plan.parts.map(\.text).joined() == text)
        var decodedTexts: [String] = []
        var delivers: [SMSDeliver] = []
        for (index, submit) in plan.submits(to: SMSAddress("+4915112345678"), reference: reference).enumerated() {
            #expect(plan.parts[index].units <= plan.parts[index].capacity)
            let wire = try SMSPDU(tpdu: .submit(submit)).encoded()
            #expect(wire.tpduLength == wire.bytes.count - 1)
            #expect(wire.tpduLength <= 176)
            guard case .submit(let decoded) = try SMSPDU.decode(wire.bytes, direction: .fromMobile).tpdu else {
                Issue.record("not a submit"); continue
            }
            #expect(decoded == submit)
            decodedTexts.append(decoded.userData.text ?? "")
            delivers.append(SMSDeliver(
                originator: SMSAddress("+4915112345678"), dataCodingScheme: decoded.dataCodingScheme,
                serviceCentreTimestamp: SMSTimestamp(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0, timeZoneQuarterHours: 0),
                userData: decoded.userData
            ))
        }
        #expect(decodedTexts.joined() == text)
        // The same parts as SMS-DELIVERs, reversed, through the reassembler.
        var machine = SMSReassembler()
        var delivered: [String] = []
        for deliver in delivers.reversed() {
            let bytes = try SMSPDU(tpdu: .deliver(deliver)).encoded().bytes
            guard case .deliver(let back) = try SMSPDU.decode(bytes, direction: .toMobile).tpdu else { continue }
            for case .deliver(let message) in machine.handle(.partReceived(back, at: .zero)) {
                #expect(message.isComplete)
                delivered.append(message.text)
            }
        }
        #expect(delivered == [text])
        return plan
    }

    @Test func gsmWithExtensionCharacters() throws {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        let pool = Self.gsmBasic + Self.gsmExtension
        for run in 0..<200 {
            let text = Self.randomText(&generator, pool: pool, length: Int.random(in: 0...500, using: &generator))
            let plan = try Self.roundTrip(text, options: .init(), reference: UInt16(run))
            #expect(plan.encoding == .gsm7(lockingShift: nil, singleShift: nil))
        }
    }

    @Test func everyNationalLanguage() throws {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        for language in NationalLanguage.allCases {
            for (index, pool) in Self.nationalPools(language).enumerated() {
                for run in 0..<10 {
                    let text = Self.randomText(&generator, pool: pool, length: Int.random(in: 1...400, using: &generator))
                    let plan = try Self.roundTrip(text, options: .init(allowedLanguages: [language], uses16BitReference: run % 2 == 0), reference: UInt16(run) << 8)
                    if case .ucs2 = plan.encoding { Issue.record("\(language) pool \(index) fell back to UCS-2 for \(text.debugDescription)") }
                }
            }
        }
    }

    @Test func emojiAndMixedScriptsGoUCS2() throws {
        var generator = SeededGenerator(seed: 0x5EED_0003)
        let pool = Self.gsmBasic + Self.emoji + Array("жЖшЩ中文ا".unicodeScalars)
        for run in 0..<200 {
            let text = Self.randomText(&generator, pool: pool, length: Int.random(in: 1...300, using: &generator))
            _ = try Self.roundTrip(text, options: .init(), reference: UInt16(run))
        }
    }
}
