import ATCodec
import ModemKit
import ModemKitTestSupport
import SMSPDU
import Testing
import VirtualModem

/// Layer 5: ``SMSService`` resting in text mode (`+CMGF=1`, `+CSDH=1`) against the virtual
/// modem: the same events as PDU mode, in every character set, stored and direct, multipart
/// (the modem shows the header) and status reports.
@Suite("SMSService receiving in text mode", .serialized)
struct SMSTextModeReceiveTests {
    static let sender = "+447700900123"

    static func service(_ modem: SMSVirtualModem, _ characterSet: SMSTextCharacterSet, routing: SMSService.Configuration.Routing = .stored,
                        directReports: Bool = true) -> SMSService {
        SMSService(client: modem.client, configuration: .init(routing: routing, directStatusReports: directReports,
                                                              receiveMode: .text(characterSet: characterSet)))
    }

    @Test(arguments: SMSTextCharacterSet.allCases)
    func storedMessageIsReadInTextMode(characterSet: SMSTextCharacterSet) async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = Self.service(modem, characterSet)
        let events = sms.events()
        try await sms.start()
        #expect(try await modem.client.send(CMGF.Read()) == .text)
        #expect(try await modem.client.send(CSCS.Read()) == characterSet.rawValue)
        let text = characterSet == .ira ? "Plain text, stored" : "Stored £5 @ home"
        await modem.runner.inject(.incomingSMS(from: Self.sender, text: text))
        let message = try await events.next(SMSServiceTests.message)
        #expect(message.text == text && message.originator == Self.sender && message.isComplete)
        #expect(message.timestamp?.year == 2026)
        #expect(try await sms.list(.sim).isEmpty)   // read and deleted; list switched to PDU mode and back
        #expect(try await modem.client.send(CMGF.Read()) == .text)
        await sms.stop()
        await modem.stop()
    }

    @Test(arguments: [SMSTextCharacterSet.ucs2, .hex, .gsm])
    func directMessagesWithAcknowledgementAndUCS2Text(characterSet: SMSTextCharacterSet) async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = Self.service(modem, characterSet, routing: .direct(acknowledge: true))
        let events = sms.events()
        try await sms.start()
        await modem.runner.inject(.incomingSMS(from: Self.sender, text: "first"))
        #expect(try await events.next(SMSServiceTests.message).text == "first")
        await modem.runner.inject(.incomingSMS(from: Self.sender, text: "second 😀"))   // UCS-2: <data> as hex
        let second = try await events.next(SMSServiceTests.message)
        #expect(second.text == "second 😀" && second.originator == Self.sender)
        await modem.runner.inject(.incomingSMS(from: "ModemKit", text: "alphanumeric sender"))
        #expect(try await events.next(SMSServiceTests.message).originator == "ModemKit")
        await sms.stop()
        await modem.stop()
    }

    @Test(arguments: [true, false])
    func multipartOutOfOrderIsReassembledFromTheShownHeader(direct: Bool) async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = Self.service(modem, .ucs2, routing: direct ? .direct(acknowledge: false) : .stored)
        let events = sms.events()
        try await sms.start()
        let text = String(repeating: "Текст в трёх частях. ", count: 8)   // UCS-2, 168 characters: 3 parts
        await modem.runner.inject(.incomingSMS(from: Self.sender, text: text, parts: [2, 3, 1]))
        let message = try await events.next(SMSServiceTests.message)
        #expect(message.text == text && message.partCount == 3 && message.isComplete)
        await sms.stop()
        await modem.stop()
    }

    @Test(arguments: [true, false])
    func statusReportsInTextModeAreCorrelated(direct: Bool) async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = Self.service(modem, .ucs2, directReports: direct)   // direct: +CDS on one line; stored: +CDSI, +CMGR
        let events = sms.events()
        try await sms.start()
        let sent = try await sms.send("report please", to: Self.sender, options: .init(statusReport: true))
        let report = try await events.next { event in if case .statusReport(let report) = event { report } else { nil } }
        #expect(report.reference == sent.references[0] && report.isDelivered)
        #expect(report.sent == .init(reference: sent.references[0], recipient: Self.sender, part: 1, of: 1))
        #expect(try await modem.client.send(CMGF.Read()) == .text)   // the PDU-mode send rested again
        await sms.stop()
        await modem.stop()
    }

    @Test func unreadStoredMessagesAreDeliveredAtStart() async throws {
        let modem = try await SMSVirtualModem.start()
        for index in 1...2 { await modem.runner.inject(.incomingSMS(from: Self.sender, text: "waiting \(index)")) }
        try await bounded { while try await modem.client.send(CPMS.Read()).last?.used != 2 {} }
        let sms = SMSService(client: modem.client, configuration: .init(deliverStoredUnread: true, receiveMode: .text(characterSet: .ucs2)))
        let events = sms.events()
        try await sms.start()
        var texts: [String] = []
        while texts.count < 2 { texts.append(try await events.next(SMSServiceTests.message).text) }
        #expect(texts.sorted() == ["waiting 1", "waiting 2"])
        await sms.stop()
        await modem.stop()
    }
}
