import ModemKitTestSupport
@testable import SMSPDU

/// The corpus of the differential test: PDUs made by ModemKit's encoder from seeded random
/// values, and how ModemKit's decoder reads them, normalized to the record format of
/// scripts/sms-differential.py.
enum SMSDifferentialCorpus {
    static let gsmPool = Array("@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€".unicodeScalars)
    static let ucsPool = Array("aé€жЖшЩ中文ا😀🎉👍🏽❤️ \n".unicodeScalars)
    static let alphanumericPool = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 @!?-".unicodeScalars)

    static func pick<T>(_ pool: [T], _ g: inout SeededGenerator) -> T { pool[Int.random(in: 0..<pool.count, using: &g)] }

    static func text(_ pool: [Unicode.Scalar], _ count: Int, _ g: inout SeededGenerator) -> String {
        var view = String.UnicodeScalarView()
        for _ in 0..<count { view.append(pick(pool, &g)) }
        return String(view)
    }

    static func digits(_ count: Int, _ g: inout SeededGenerator, pool: [Character] = Array("0123456789")) -> String {
        String((0..<count).map { _ in pick(pool, &g) })
    }

    static func address(_ g: inout SeededGenerator) -> SMSAddress {
        switch Int.random(in: 0..<6, using: &g) {
        case 0, 1: return SMSAddress("+" + digits(Int.random(in: 3...15, using: &g), &g))
        case 2: return SMSAddress(value: digits(Int.random(in: 1...12, using: &g), &g), typeOfNumber: .national, numberingPlan: .isdn)
        case 3: return SMSAddress(value: digits(Int.random(in: 1...10, using: &g), &g, pool: Array("0123456789*#abc")), typeOfNumber: .unknown, numberingPlan: .unknown)
        case 4: return SMSAddress(alphanumeric: text(alphanumericPool, Int.random(in: 1...11, using: &g), &g))
        default:
            return SMSAddress(value: digits(Int.random(in: 2...8, using: &g), &g),
                              typeOfNumber: pick([.subscriber, .networkSpecific, .abbreviated], &g),
                              numberingPlan: SMSAddress.NumberingPlan(rawValue: pick([0, 1, 3, 4, 8, 9, 10], &g)))
        }
    }

    static func timestamp(_ g: inout SeededGenerator) -> SMSTimestamp {
        SMSTimestamp(
            year: Int.random(in: 2000...2089, using: &g), month: Int.random(in: 1...12, using: &g), day: Int.random(in: 1...28, using: &g),
            hour: Int.random(in: 0...23, using: &g), minute: Int.random(in: 0...59, using: &g), second: Int.random(in: 0...59, using: &g),
            timeZoneQuarterHours: Int.random(in: -48...56, using: &g)
        )
    }

    /// User data and its DCS: GSM text, UCS-2 text, or 8-bit data, some of it concatenated or ported.
    static func userData(_ g: inout SeededGenerator) throws -> (SMSUserData, DataCodingScheme) {
        switch Int.random(in: 0..<4, using: &g) {
        case 0, 1:
            let plan = try SMSEncoder.plan(text(gsmPool, Int.random(in: 0...300, using: &g), &g),
                                           options: .init(preference: .gsm7, uses16BitReference: Bool.random(using: &g)))
            let parts = plan.userData(reference: UInt16.random(in: 0...UInt16.max, using: &g))
            return (pick(parts, &g), plan.dataCodingScheme())
        case 2:
            let plan = try SMSEncoder.plan(text(ucsPool, Int.random(in: 1...100, using: &g), &g), options: .init(preference: .ucs2))
            let parts = plan.userData(reference: UInt16.random(in: 0...255, using: &g))
            return (pick(parts, &g), plan.dataCodingScheme(messageClass: Bool.random(using: &g) ? nil : .class1))
        default:
            let bytes = (0..<Int.random(in: 0...120, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let header = Bool.random(using: &g)
                ? UserDataHeader(elements: [.applicationPort16(destination: UInt16.random(in: 0...UInt16.max, using: &g), source: 0)]) : nil
            return (SMSUserData(header: header, body: .data(bytes)), .eightBit)
        }
    }

    /// Lines of `kind<TAB>hex`, the fixture's content.
    static func generate(count: Int = 400) throws -> [(kind: String, hex: String)] {
        var g = SeededGenerator(seed: 0xD1FF_0001)
        var lines: [(String, String)] = []
        for index in 0..<count {
            let smsc = index % 3 == 0 ? nil : SMSAddress("+" + digits(Int.random(in: 5...12, using: &g), &g))
            let (userData, scheme) = try userData(&g)
            if index % 2 == 0 {
                let deliver = SMSDeliver(
                    originator: address(&g), protocolIdentifier: pick([0x00, 0x00, 0x3F, 0x41], &g), dataCodingScheme: scheme,
                    serviceCentreTimestamp: timestamp(&g), userData: userData, moreMessagesToSend: Bool.random(using: &g),
                    statusReportIndication: Bool.random(using: &g), replyPath: Bool.random(using: &g)
                )
                lines.append(("deliver", try SMSPDU(smsc: smsc, tpdu: .deliver(deliver)).encoded().hex))
            } else {
                let validity: SMSValidityPeriod? = switch Int.random(in: 0..<4, using: &g) {
                case 0: nil
                case 1: .relative(UInt8.random(in: 0...255, using: &g))
                case 2: .absolute(timestamp(&g))
                default: .enhanced([0x01, UInt8.random(in: 0...255, using: &g), 0, 0, 0, 0, 0])
                }
                let submit = SMSSubmit(
                    destination: address(&g), userData: userData, dataCodingScheme: scheme,
                    messageReference: UInt8.random(in: 0...255, using: &g), validityPeriod: validity,
                    statusReportRequest: Bool.random(using: &g), rejectDuplicates: Bool.random(using: &g)
                )
                lines.append(("submit", try SMSPDU(smsc: smsc, tpdu: .submit(submit)).encoded().hex))
            }
        }
        return lines
    }
}
