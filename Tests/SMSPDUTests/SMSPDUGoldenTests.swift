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

    /// `+CDS` status report as a modem printed it (no SMSC part), from "receiving an SMS status
    /// report message", amro.blogspot.com, 2007-09-17: TP-MR 0 to +20121875612, delivered.
    @Test func publishedStatusReport() throws {
        let hex = "06000B910221815716F2709021510121807090215101718000"
        let pdu = try SMSPDU.decode(hex: hex, direction: .toMobile, includesSMSC: false)
        guard case .statusReport(let report) = pdu.tpdu else { Issue.record("not a report"); return }
        #expect(report.messageReference == 0)
        #expect(report.recipient.description == "+20121875612")
        #expect(report.serviceCentreTimestamp.description == "2007-09-12 15:10:12 +02:00")
        #expect(report.dischargeTime.description == "2007-09-12 15:10:17 +02:00")
        #expect(report.status == SMSStatus(rawValue: 0))
        #expect(report.status.isDelivered)
        #expect(report.statusReportQualifier == false)
        #expect(try pdu.encoded(includingSMSC: false).hex == hex)
    }

    /// SMS-SUBMITs from "SMS PDU mode, data format and length calculation" (9cbs.com): 7-bit
    /// "hello" without SMSC, and 8-bit class 2 (DCS F6) "hello" with SMSC +491710760000; both
    /// `AT+CMGS=17`. (The page's two numbers differ, 1234657 and 1234567; both are kept.)
    @Test func publishedSubmitsAndCMGSLength() throws {
        let seven = try SMSPDU.decode(hex: "0011000781214356F70000AA05E8329BFD06", direction: .fromMobile)
        guard case .submit(let sevenBit) = seven.tpdu else { Issue.record("not a submit"); return }
        #expect(sevenBit.destination == SMSAddress(value: "1234657", typeOfNumber: .unknown, numberingPlan: .isdn))
        #expect(sevenBit.userData.text == "hello")
        #expect(try seven.encoded().tpduLength == 17)
        let eight = try SMSPDU.decode(hex: "079194710167000011000781214365F700F6AA0568656C6C6F", direction: .fromMobile)
        guard case .submit(let eightBit) = eight.tpdu else { Issue.record("not a submit"); return }
        #expect(eight.smsc?.description == "+491710760000")
        #expect(eightBit.dataCodingScheme.alphabet == .eightBit)
        #expect(eightBit.dataCodingScheme.messageClass == .class2)
        #expect(eightBit.userData.body == .data(Array("hello".utf8)))
        #expect(try eight.encoded().tpduLength == 17)
        #expect(try eight.encoded().hex == "079194710167000011000781214365F700F6AA0568656C6C6F")
    }

    /// A user data header with an element this codec does not interpret (IEI 0x22, reply address)
    /// and 7-bit text after 13 header septets, from a 2007 alt.cellular.gsm post on UDH padding:
    /// UDL-UD "190A22080B912143658709F180B2CBE17919242FC3D979" is "Please reply". Wrapped here in
    /// a hand-built SMS-DELIVER.
    @Test func publishedHeaderWithFillBits() throws {
        let hex = "00" + "44" + "0491214300" + "00" + "21108211617040" + "190A22080B912143658709F180B2CBE17919242FC3D979"
        let pdu = try SMSPDU.decode(hex: hex, direction: .toMobile)
        guard case .deliver(let deliver) = pdu.tpdu else { Issue.record("not a deliver"); return }
        #expect(deliver.userData.text == "Please reply")
        #expect(deliver.userData.header?.elements == [.other(identifier: 0x22, data: [0x0B, 0x91, 0x21, 0x43, 0x65, 0x87, 0x09, 0xF1])])
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

    /// Examples from smspdudecoder's documentation (Qotto): alphanumeric addresses, one with an
    /// '@' (septet 0x00) inside, and time stamps with positive and negative zones.
    @Test func publishedAddressAndTimestampExamples() throws {
        var reader = PDUReader(try PDUHex.bytes("0BD0CDE6DB5DCE03"))
        #expect(try SMSAddress.decode(&reader, field: "TP-OA") == SMSAddress(alphanumeric: "MMoney"))
        reader = PDUReader(try PDUHex.bytes("14D0C4F23C7D760390EF7619"))
        #expect(try SMSAddress.decode(&reader, field: "TP-OA") == SMSAddress(alphanumeric: "Design@Home"))
        reader = PDUReader(try PDUHex.bytes("70402132522423"))
        #expect(try SMSTimestamp.decode(&reader, field: "t") == SMSTimestamp(year: 2007, month: 4, day: 12, hour: 23, minute: 25, second: 42, timeZoneQuarterHours: 32))
        reader = PDUReader(try PDUHex.bytes("3130523210658A"))
        #expect(try SMSTimestamp.decode(&reader, field: "t") == SMSTimestamp(year: 2013, month: 3, day: 25, hour: 23, minute: 1, second: 56, timeZoneQuarterHours: -28))
    }

    /// Hand-built: a compressed (DCS 0x20) DELIVER is reported as compressed bytes, a class 0
    /// (flash, DCS 0x10) one decodes its text, and an 8-bit one with 8-bit ports keeps its data.
    @Test func compressedFlashAndPortedData() throws {
        let compressed = try SMSPDU.decode(hex: "00" + "04" + "0491214300" + "20" + "21108211617040" + "03" + "AABBCC", direction: .toMobile)
        guard case .deliver(let deliver) = compressed.tpdu else { Issue.record("not a deliver"); return }
        #expect(deliver.dataCodingScheme.isCompressed)
        #expect(deliver.userData.body == .compressed([0xAA, 0xBB, 0xCC]))
        let flash = try SMSPDU.decode(hex: "00" + "04" + "0491214300" + "10" + "21108211617040" + "05C8329BFD06", direction: .toMobile)
        guard case .deliver(let flashDeliver) = flash.tpdu else { Issue.record("not a deliver"); return }
        #expect(flashDeliver.dataCodingScheme.messageClass == .class0)
        #expect(flashDeliver.userData.text == "Hello")
        let ported = try SMSPDU.decode(hex: "00" + "44" + "0491214300" + "04" + "21108211617040" + "07" + "04" + "0402" + "1020" + "CAFE", direction: .toMobile)
        guard case .deliver(let portedDeliver) = ported.tpdu else { Issue.record("not a deliver"); return }
        #expect(portedDeliver.userData.header?.elements == [.applicationPort8(destination: 0x10, source: 0x20)])
        #expect(portedDeliver.userData.body == .data([0xCA, 0xFE]))
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
        #expect(SMSValidityPeriod.relative(hours: .max) == .relative(255))
        #expect(SMSValidityPeriod.relative(hours: -5) == .relative(0))
        #expect(SMSValidityPeriod.enhanced([0x02, 0x3C, 0, 0, 0, 0, 0]).seconds == 60)
        #expect(SMSValidityPeriod.enhanced([0x03, 0x10, 0x30, 0x00, 0, 0, 0]).seconds == 3600 + 3 * 60)
    }

    @Test func protocolIdentifiers() {
        #expect(ProtocolIdentifier(rawValue: 0x00).kind == .smeToSME(0))
        #expect(ProtocolIdentifier(rawValue: 0x22).kind == .telematicInterworking(device: 0x02))
        #expect(ProtocolIdentifier(rawValue: 0x32).kind == .telematicInterworking(device: 0x12))
        #expect(ProtocolIdentifier(rawValue: 0x40).kind == .shortMessageType0)
        #expect(ProtocolIdentifier(rawValue: 0x47).kind == .replaceShortMessage(7))
        #expect(ProtocolIdentifier(rawValue: 0x48).kind == .reserved)
        #expect(ProtocolIdentifier(rawValue: 0x5F).kind == .returnCallMessage)
        #expect(ProtocolIdentifier(rawValue: 0x7F).kind == .simDataDownload)
        #expect(ProtocolIdentifier(rawValue: 0x80).kind == .reserved)
        #expect(ProtocolIdentifier(rawValue: 0xC5).kind == .serviceCentreSpecific(5))
    }

    @Test func statusMeanings() {
        #expect(SMSStatus(rawValue: 0x46).meaning == "SM validity period expired")
        #expect(SMSStatus(rawValue: 0x21).category == .temporaryErrorStillTrying)
        #expect(SMSStatus(rawValue: 0x61).meaning == "SME busy, SC not trying any more")
        #expect(SMSStatus(rawValue: 0x90).category == .reserved)
    }
}
