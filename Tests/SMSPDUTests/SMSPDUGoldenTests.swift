import Testing
@testable import SMSPDU

/// Golden vectors. Sources are named per test; "hand-built" ones are assembled field by field
/// from the TS 23.040 layout and checked against the independent Python decoder where it reads them.
@Suite struct SMSPDUGoldenTests {
    /// SMS-DELIVER from dreamfabric.com "SMS messages and the PDU format" (also reprinted in many
    /// modem guides): SMSC +27381000015, from 27838890001 (subscriber/national), "hellohello".
    @Test func dreamfabricDeliver() throws {
        let hex = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37"
        let pdu = try SMSPDU.decode(hex: hex, direction: .toMobile)
        #expect(pdu.smsc == SMSAddress("+27381000015"))
        guard case .deliver(let deliver) = pdu.tpdu else { Issue.record("not a deliver"); return }
        #expect(deliver.originator == SMSAddress(value: "27838890001", typeOfNumber: .subscriber, numberingPlan: .national))
        #expect(deliver.serviceCentreTimestamp == SMSTimestamp(year: 1999, month: 3, day: 29, hour: 15, minute: 16, second: 59, timeZoneQuarterHours: 8))
        #expect(deliver.userData.text == "hellohello")
        #expect(deliver.moreMessagesToSend == false)
        #expect(try pdu.encoded().hex == hex)
        #expect(try pdu.encoded().tpduLength == 28)
    }

    /// SMS-SUBMIT from the same page: to +46708251358, relative validity 0xAA (4 days), "hellohello".
    @Test func dreamfabricSubmit() throws {
        let hex = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"
        let pdu = try SMSPDU.decode(hex: hex, direction: .fromMobile)
        #expect(pdu.smsc == nil)
        guard case .submit(let submit) = pdu.tpdu else { Issue.record("not a submit"); return }
        #expect(submit.destination.description == "+46708251358")
        #expect(submit.validityPeriod == .relative(0xAA))
        #expect(SMSValidityPeriod.relative(0xAA).seconds == 4 * 86_400)
        #expect(try pdu.encoded().tpduLength == 23)
        #expect(try pdu.encoded().hex == hex)
        #expect(try SMSPDU(tpdu: pdu.tpdu).encoded(includingSMSC: false).hex == String(hex.dropFirst(2)))
    }

    /// Hand-built SMS-STATUS-REPORT: TP-MR 0x0E for +31628870634, delivered (ST 00); discharge time
    /// zone 0x4A: tens digit 2 in bits 0...2, sign bit 3, units 4 → −24 quarter hours (−6 h).
    @Test func statusReport() throws {
        let hex = "07911326040000F0" + "06" + "0E" + "0B911326880736F4" + "21108211617040" + "2110821161704A" + "00"
        let pdu = try SMSPDU.decode(hex: hex, direction: .toMobile)
        guard case .statusReport(let report) = pdu.tpdu else { Issue.record("not a report"); return }
        #expect(report.messageReference == 0x0E)
        #expect(report.recipient.description == "+31628870634")
        #expect(report.status.isDelivered)
        #expect(report.serviceCentreTimestamp.timeZoneQuarterHours == 4)
        #expect(report.dischargeTime.timeZoneQuarterHours == -24)
        #expect(try pdu.encoded().hex == hex)
    }

    @Test func timeZoneSignBit() throws {
        // 0x69: tens digit 1 in bits 0...2, sign in bit 3, units 6 in the high nibble → −16 (−4 h).
        var reader = PDUReader(try PDUHex.bytes("21108211617069"))
        let stamp = try SMSTimestamp.decode(&reader, field: "t")
        #expect(stamp.timeZoneQuarterHours == -16)
        #expect(stamp.description == "2012-01-28 11:16:07 -04:00")
        var out: [UInt8] = []
        try stamp.encode(into: &out, field: "t")
        #expect(PDUHex.string(out) == "21108211617069")
    }

    @Test func submitReportsAndDeliverReports() throws {
        // RP-ACK SUBMIT-REPORT: MTI 01, TP-PI 00, TP-SCTS.
        let ack = try SMSTPDU.decode(PDUHex.bytes("010021108211617040"), direction: .toMobile)
        #expect(ack == .submitReport(SMSSubmitReport(serviceCentreTimestamp: SMSTimestamp(year: 2012, month: 1, day: 28, hour: 11, minute: 16, second: 7, timeZoneQuarterHours: 4))))
        // RP-ERROR with TP-FCS 0xD0 (SIM SMS storage full).
        guard case .submitReport(let error) = try SMSTPDU.decode(PDUHex.bytes("01D00021108211617040"), direction: .toMobile) else {
            Issue.record("not a submit report"); return
        }
        #expect(error.failureCause == 0xD0)
        // DELIVER-REPORT RP-ERROR "memory capacity exceeded" (0xD3), TP-PI 00.
        #expect(try SMSTPDU.decode(PDUHex.bytes("00D300"), direction: .fromMobile) == .deliverReport(SMSDeliverReport(failureCause: 0xD3)))
    }

    @Test func addressesOfEveryKind() throws {
        let cases: [(SMSAddress, String)] = [
            (SMSAddress("+31628870634"), "0B911326880736F4"),          // international, odd count
            (SMSAddress(value: "0612345678", typeOfNumber: .national, numberingPlan: .isdn), "0AA16021436587"),
            (SMSAddress(value: "*#123a", typeOfNumber: .unknown, numberingPlan: .unknown), "0680BA21C3"),
            (SMSAddress(alphanumeric: "ModemKit"), "0ED0CD37B9DC5EA6E9"),
        ]
        for (address, hex) in cases {
            var out: [UInt8] = []
            try address.encode(into: &out, field: "TP-DA")
            #expect(PDUHex.string(out) == hex, "\(address)")
            var reader = PDUReader(out)
            #expect(try SMSAddress.decode(&reader, field: "TP-DA") == address)
        }
        for ton in SMSAddress.TypeOfNumber.allCases where ton != .alphanumeric {
            for npi in 0..<UInt8(16) {
                let address = SMSAddress(value: "123", typeOfNumber: ton, numberingPlan: .init(rawValue: npi))
                var out: [UInt8] = []
                try address.encode(into: &out, field: "TP-DA")
                var reader = PDUReader(out)
                #expect(try SMSAddress.decode(&reader, field: "TP-DA") == address)
            }
        }
    }

    @Test func dataCodingGroups() {
        #expect(DataCodingScheme(rawValue: 0x00).alphabet == .gsm7)
        #expect(DataCodingScheme(rawValue: 0x04).alphabet == .eightBit)
        #expect(DataCodingScheme(rawValue: 0x08).alphabet == .ucs2)
        #expect(DataCodingScheme(rawValue: 0x0C).alphabet == .gsm7)       // reserved alphabet
        #expect(DataCodingScheme(rawValue: 0x10).messageClass == .class0)
        #expect(DataCodingScheme(rawValue: 0x00).messageClass == nil)
        #expect(DataCodingScheme(rawValue: 0x2A).isCompressed)
        #expect(DataCodingScheme(rawValue: 0x4A).group == .general(automaticDeletion: true))
        #expect(DataCodingScheme(rawValue: 0x80).group == .reserved)
        #expect(DataCodingScheme(rawValue: 0xC8).messageWaiting == .init(kind: .voicemail, isActive: true, discardMessage: true))
        #expect(DataCodingScheme(rawValue: 0xD1).messageWaiting == .init(kind: .fax, isActive: false, discardMessage: false))
        #expect(DataCodingScheme(rawValue: 0xE2).alphabet == .ucs2)
        #expect(DataCodingScheme(rawValue: 0xF6).alphabet == .eightBit)
        #expect(DataCodingScheme(rawValue: 0xF6).messageClass == .class2)
        #expect(DataCodingScheme(rawValue: 0xF3).messageClass == .class3)
        #expect(DataCodingScheme(alphabet: .ucs2, messageClass: .class1).rawValue == 0x19)
    }

    @Test func validityPeriods() {
        #expect(SMSValidityPeriod.relative(0).seconds == 300)
        #expect(SMSValidityPeriod.relative(143).seconds == 12 * 3600)
        #expect(SMSValidityPeriod.relative(167).seconds == 24 * 3600)
        #expect(SMSValidityPeriod.relative(168).seconds == 2 * 86_400)
        #expect(SMSValidityPeriod.relative(255).seconds == 63 * 7 * 86_400)
        #expect(SMSValidityPeriod.relative(hours: 24) == .relative(167))
        #expect(SMSValidityPeriod.enhanced([0x02, 0x3C, 0, 0, 0, 0, 0]).seconds == 60)
        #expect(SMSValidityPeriod.enhanced([0x03, 0x10, 0x30, 0x00, 0, 0, 0]).seconds == 3600 + 3 * 60)
    }

    @Test func statusMeanings() {
        #expect(SMSStatus(rawValue: 0x46).meaning == "SM validity period expired")
        #expect(SMSStatus(rawValue: 0x21).category == .temporaryErrorStillTrying)
        #expect(SMSStatus(rawValue: 0x61).meaning == "SME busy, SC not trying any more")
        #expect(SMSStatus(rawValue: 0x90).category == .reserved)
    }
}
