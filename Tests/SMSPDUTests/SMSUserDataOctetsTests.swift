import ModemKitTestSupport
import Testing
@testable import SMSPDU

/// TP-UD on its own (as AT text mode shows and takes it): octets → user data → octets is the
/// identity for every part the encoder makes; bad octets fail with a typed error.
@Suite("TP-UD octets")
struct SMSUserDataOctetsTests {
    static let texts = ["hi", "hellohello", String(repeating: "Seven septets @ ", count: 20), "Grüße 😀 " + String(repeating: "ü", count: 80),
                        String(repeating: "{", count: 100), "@@@@@@@", "1234567"]

    @Test(arguments: texts)
    func roundTripsEveryPart(text: String) throws {
        for preference in [SMSEncoder.Options.Preference.automatic, .ucs2] {
            let plan = try SMSEncoder.plan(text, options: .init(preference: preference))
            let scheme = plan.dataCodingScheme()
            for userData in plan.userData(reference: 9) {
                let octets = try userData.octets(scheme: scheme)
                var decoded = try SMSUserData(octets: octets, scheme: scheme, hasHeader: userData.header != nil)
                decoded.edgeSurrogates = userData.edgeSurrogates
                if case .text(let original) = userData.body, case .text(let back) = decoded.body, scheme.alphabet == .gsm7,
                   original.hasSuffix("@"), octets.count % 7 == 0 {
                    // 7 octets hold 7 or 8 septets: an eighth "@" is read as padding without TP-UDL.
                    #expect(back == original || back + "@" == original)
                    continue
                }
                #expect(decoded.header == userData.header && decoded.text == userData.text, "\(text)")
            }
        }
    }

    @Test func explicitSeptetCountKeepsATrailingAt() throws {
        let userData = SMSUserData(body: .text("1234567@"))
        let octets = try userData.octets(scheme: .gsm7)
        #expect(octets.count == 7)
        #expect(try SMSUserData(octets: octets, septets: 8, scheme: .gsm7, hasHeader: false).text == "1234567@")
    }

    @Test func badOctetsThrow() {
        #expect(throws: PDUError.self) { try SMSUserData(octets: [0x09, 0x00], scheme: .eightBit, hasHeader: true) }   // header overrun
        #expect(throws: PDUError.self) { try SMSUserData(octets: [0x00, 0x41, 0x00], scheme: .ucs2, hasHeader: false) }   // odd UCS-2
        #expect(throws: PDUError.self) { try SMSUserData(octets: Array(repeating: 0, count: 300), scheme: .eightBit, hasHeader: false) }
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let octets = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let scheme = DataCodingScheme(rawValue: [0x00, 0x04, 0x08, 0x20].randomElement(using: &generator) ?? 0)
            _ = try? SMSUserData(octets: octets, scheme: scheme, hasHeader: Bool.random(using: &generator))
        }
    }
}
