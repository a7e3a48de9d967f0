import ATCodec
@testable import ModemKit
import SMSPDU
import Testing

/// ``SMSTextDecoder``: text-mode fields as modems print them become the values PDU mode gives;
/// bad fields fail with the field and its value.
@Suite("SMS text-mode decoding")
struct SMSTextDecoderTests {
    static func message(_ address: String, data: String, fo: Int? = nil, dcs: Int? = nil, tooa: Int? = nil) -> SMSTextMessage {
        SMSTextMessage(kind: .deliver, address: address, timestamp: "02/01/30,20:40:31+00", typeOfAddress: tooa, firstOctet: fo,
                       dataCodingScheme: dcs, data: data)
    }

    @Test func sim800ExampleInIRA() throws {
        // SIM800 manual: +CMT: "+8613918186089","","02/01/30,20:40:31+00",145,4,0,0,"+8613800210500",145,5 / abcde
        let deliver = try SMSTextDecoder(characterSet: .ira).deliver(Self.message("+8613918186089", data: "abcde", fo: 4, dcs: 0, tooa: 145))
        #expect(deliver.originator == SMSAddress("+8613918186089"))
        #expect(deliver.userData.text == "abcde" && !deliver.moreMessagesToSend)
        #expect(deliver.serviceCentreTimestamp == SMSTimestamp(year: 2002, month: 1, day: 30, hour: 20, minute: 40, second: 31, timeZoneQuarterHours: 0))
    }

    @Test func characterSets() throws {
        #expect(SMSTextCharacterSet.ucs2.text("0048006920AC") == "Hi€")
        #expect(SMSTextCharacterSet.ucs2.text("D83DDE00") == "😀")
        #expect(SMSTextCharacterSet.hex.text("4869000100") == "Hi@£@")
        #expect(SMSTextCharacterSet.gsm.text("Hi\u{0}\u{1}") == "Hi@£")
        #expect(SMSTextCharacterSet.ucs2.text("004") == nil && SMSTextCharacterSet.hex.text("FF") == nil)
        #expect(SMSTextCharacterSet.ucs2.address("002B0034003400370037") == "+4477")
        #expect(SMSTextCharacterSet.ucs2.address("+447700900123") == "+447700900123")   // printed as typed
        #expect(SMSTextCharacterSet.ucs2.address("1234") == "1234")                     // digits, not U+1234
        #expect(SMSTextCharacterSet.ucs2.address("004D006F00640065006D") == "Modem")
    }

    @Test func hexDataByScheme() throws {
        let decoder = SMSTextDecoder(characterSet: .ira)
        // UCS-2 (dcs 8) is hex whatever +CSCS says; 8-bit (dcs 4) stays data.
        #expect(try decoder.deliver(Self.message("+44", data: "041F04400438", fo: 4, dcs: 8)).userData.text == "При")
        #expect(try decoder.deliver(Self.message("+44", data: "00FF10", fo: 4, dcs: 4)).userData.body == .data([0, 0xFF, 0x10]))
        // National number (129) and alphanumeric (208, 0xD0) senders.
        #expect(try decoder.deliver(Self.message("07700900123", data: "x", tooa: 129)).originator.typeOfNumber == .unknown)
        #expect(try decoder.deliver(Self.message("Bank", data: "x", tooa: 208)).originator == SMSAddress(alphanumeric: "Bank"))
    }

    @Test func headerShownAsHexGivesTheConcatenation() throws {
        let decoder = SMSTextDecoder(characterSet: .ucs2)
        // 8-bit reference 7, part 2 of 2, UCS-2 "OK".
        let ucs2 = try decoder.deliver(Self.message("+44", data: "050003070202004F004B", fo: 0x44, dcs: 8))
        #expect(ucs2.userData.header?.concatenation?.reference == 7 && ucs2.userData.text == "OK")
        // 7-bit: header 050003070101 (6 octets = 7 septets with the fill bit), then "hi" packed after it.
        let gsm = try SMSPDU.decode(hex: "00440B914477009021F300006201100000000009050003070101D069", direction: .toMobile, includesSMSC: true)
        guard case .deliver(let original) = gsm.tpdu else { Issue.record("not a deliver"); return }
        let data = PDUHex.string([0x05, 0x00, 0x03, 0x07, 0x01, 0x01, 0xD0, 0x69])
        let decoded = try decoder.deliver(Self.message("+447700900123", data: data, fo: 0x44, dcs: 0))
        #expect(decoded.userData == original.userData)
    }

    @Test func statusReport() throws {
        let report = SMSTextStatusReport(index: nil, status: nil, firstOctet: 6, reference: 46, recipient: "+8613918186089", recipientType: 145,
                                         serviceCentreTimestamp: "02/01/30,20:40:31+00", dischargeTime: "02/01/30,20:40:32-08", reportStatus: 0)
        let decoded = try SMSTextDecoder(characterSet: .ira).statusReport(report)
        #expect(decoded.messageReference == 46 && decoded.status.isDelivered && decoded.recipient.description == "+8613918186089")
        #expect(decoded.dischargeTime.timeZoneQuarterHours == -8)
    }

    @Test func badFieldsFailWithFieldAndValue() {
        let decoder = SMSTextDecoder(characterSet: .ucs2)
        for stamp in ["02/01/30 20:40:31+00", "02/13/30,20:40:31+00", "2/01/30,20:40:31+00", "02/01/30,20:40:31*00", ""] {
            var message = Self.message("+44", data: "0041")
            message.timestamp = stamp
            #expect(performing: { _ = try decoder.deliver(message) }, throws: { ($0 as? SMSTextDecodingError)?.field == "<scts>" })
        }
        for (data, dcs) in [("00G1", 8), ("004", 8), ("0041", 0)] where !(data == "0041" && dcs == 0) {
            #expect(performing: { _ = try decoder.deliver(Self.message("+44", data: data, fo: 4, dcs: dcs)) },
                    throws: { ($0 as? SMSTextDecodingError)?.value == data })
        }
        #expect(throws: SMSTextDecodingError.self) { _ = try decoder.deliver(Self.message("+44", data: "0500030702", fo: 0x44, dcs: 8)) }
        #expect(throws: SMSTextDecodingError.self) { _ = try decoder.deliver(Self.message("+44", data: "XYZ", dcs: 0)) }
    }
}
