import ATCodec
import ModemKit
import ModemKitTestSupport
import SMSPDU
import Testing
import VirtualModem

/// Layer 5: multipart sending in text mode against the virtual modem: `+CSMP` with TP-UDHI and
/// the UCS-2 DCS, each part's TP-UD (header first) typed as hex; the parts reach the network as
/// one concatenated message, and come back reassembled.
@Suite("SMSService multipart send in text mode", .serialized)
struct SMSTextModeSendTests {
    @Test(arguments: [false, true])
    func multipartTextModeSendArrivesReassembled(reportAndRestInText: Bool) async throws {
        let modem = try await SMSVirtualModem.start()
        let configuration = SMSService.Configuration(receiveMode: reportAndRestInText ? .text(characterSet: .ucs2) : .pdu)
        let sms = SMSService(client: modem.client, configuration: configuration, firstConcatenationReference: 42)
        let events = sms.events()
        try await sms.start()
        let text = String(repeating: "Long text-mode message. ", count: 7)   // 168 characters, ASCII
        let sent = try await sms.send(text, to: SMSVirtualModem.ownNumber, options: .init(mode: .text, statusReport: reportAndRestInText))
        #expect(sent.encoding == .ucs2 && sent.partCount == 3 && sent.concatenationReference == 42)
        let outbox = await modem.runner.snapshot.sentMessages
        #expect(outbox.map(\.part) == (1...3).map { SentSMS.Part(reference: 42, total: 3, sequence: $0) })
        #expect(outbox.map(\.text).joined() == text)
        #expect(outbox.allSatisfy { $0.statusReportRequested == reportAndRestInText })
        // The message and (when asked for) the reports, in whatever order they come.
        var received: SMSReceivedMessage?
        var reports: [SMSDeliveryReport] = []
        while received == nil || reports.count < (reportAndRestInText ? 3 : 0) {
            switch try await events.next({ $0 }) {
            case .message(let message): received = message
            case .statusReport(let report): reports.append(report)
            default: break
            }
        }
        #expect(received?.text == text && received?.partCount == 3 && received?.isComplete == true)
        #expect(Set(reports.compactMap { $0.sent?.part }) == (reportAndRestInText ? [1, 2, 3] : []))
        #expect(try await modem.client.send(CMGF.Read()) == (reportAndRestInText ? .text : .pdu))
        await sms.stop()
        await modem.stop()
    }

    @Test func emojiAndForcedGSMInTextMode() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client)
        let events = sms.events()
        try await sms.start()
        let text = String(repeating: "😀 ", count: 40)   // 120 UTF-16 units: 2 parts, a pair never cut
        let sent = try await sms.send(text, to: SMSVirtualModem.ownNumber, options: .init(mode: .text))
        #expect(sent.partCount == 2)
        #expect(try await events.next(SMSServiceTests.message).text == text)
        await #expect(throws: SMSServiceError.self) {
            try await sms.send("£5", to: SMSVirtualModem.ownNumber, options: .init(mode: .text, encoding: .gsm7))
        }
        let before = await modem.runner.snapshot.sentMessages.count
        #expect(before == 2)   // the refused one never reached the modem
        await sms.stop()
        await modem.stop()
    }
}
