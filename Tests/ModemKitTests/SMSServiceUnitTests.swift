import ModemKit
import SMSPDU
import Testing

@Suite("SMS report correlation and USSD decoding")
struct SMSServiceUnitTests {
    @Test func referencesWrapAt255() {
        var correlator = SMSReportCorrelator()
        correlator.sent(.init(reference: 254, recipient: "+447700900123", part: 1, of: 3))
        correlator.sent(.init(reference: 255, recipient: "+447700900123", part: 2, of: 3))
        correlator.sent(.init(reference: 0, recipient: "+447700900123", part: 3, of: 3))   // wrapped
        #expect(correlator.match(reference: 0, recipient: "+447700900123")?.part == 3)
        #expect(correlator.match(reference: 255, recipient: "07700900123")?.part == 2)      // SMSC rewrote the number
        #expect(correlator.match(reference: 255, recipient: "+447700900123") == nil)          // already matched
        #expect(correlator.match(reference: 254, recipient: "+15550100001") == nil)           // another recipient
        #expect(correlator.match(reference: 254, recipient: "+447700900123", final: false)?.part == 1)   // still trying
        #expect(correlator.match(reference: 254, recipient: "+447700900123")?.part == 1)
        #expect(correlator.waitingCount == 0)
    }

    @Test func aNewerPartWithTheSameReferenceReplacesTheOlder() {
        var correlator = SMSReportCorrelator(capacity: 2)
        correlator.sent(.init(reference: 7, recipient: "+1", part: 1, of: 1))
        correlator.sent(.init(reference: 7, recipient: "+2", part: 1, of: 1))
        correlator.sent(.init(reference: 8, recipient: "+3", part: 1, of: 1))
        correlator.sent(.init(reference: 9, recipient: "+4", part: 1, of: 1))   // the 7 is forgotten
        #expect(correlator.match(reference: 7, recipient: "+2") == nil)
        #expect(correlator.match(reference: 9, recipient: "+4") != nil)
    }

    @Test func ussdText() {
        #expect(USSDText.decode("Your balance is 5.00 GBP", dataCodingScheme: 15) == "Your balance is 5.00 GBP")   // SIM800, IRA
        #expect(USSDText.decode("00420061006C0061006E00630065", dataCodingScheme: 72) == "Balance")                    // BG96, UCS-2 hex
        #expect(USSDText.decode("041F04400438", dataCodingScheme: 0x11) == "При")
        #expect(USSDText.decode("C2303BEC1E9701", dataCodingScheme: 15) == "Balance")                                    // packed 7-bit hex
        #expect(USSDText.decode("1234", dataCodingScheme: 15) == "1234")                                               // digits stay text
        #expect(USSDText.decode("ABC", dataCodingScheme: 72) == "ABC")                                                 // odd hex: as printed
        #expect(USSDText.alphabet(0x44) == .eightBit && USSDText.alphabet(0xF4) == .eightBit && USSDText.alphabet(0x0F) == .gsm7)
    }
}
