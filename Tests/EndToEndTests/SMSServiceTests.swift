import ATCodec
import ModemKit
import ModemKitTestSupport
import SMSPDU
import Testing
import VirtualModem

/// Layer 5: ``SMSService`` against the virtual modem (in-memory pair): send in both modes,
/// receive via +CMTI and +CMT, reassembly with a missing part, status reports, full storage, USSD.
@Suite("SMSService against the virtual modem", .serialized)
struct SMSServiceTests {
    static func message(_ event: SMSServiceEvent) -> SMSReceivedMessage? {
        if case .message(let message) = event { message } else { nil }
    }

    @Test func sendsInPDUModeAndReceivesItBackViaCMTI() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client)
        let events = sms.events()
        try await sms.start()
        let long = String(repeating: "Multipart over the virtual network. ", count: 6)   // 216 septets: 2 parts
        let sent = try await sms.send(long, to: SMSVirtualModem.ownNumber)
        #expect(sent.partCount == 2)
        #expect(sent.encoding == .gsm7(lockingShift: nil, singleShift: nil))
        #expect(Set(sent.references).count == 2)
        let received = try await events.next(Self.message)
        #expect(received.text == long && received.isComplete && received.partCount == 2)
        #expect(received.originator == SMSVirtualModem.ownNumber)
        #expect(try await sms.list(.sim).isEmpty)   // read and deleted
        await sms.stop()
        await modem.stop()
    }

    @Test(arguments: ["Plain ASCII in text mode", "Привет, текстовый режим"])
    func sendsInTextMode(text: String) async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client)
        let events = sms.events()
        try await sms.start()
        let sent = try await sms.send(text, to: SMSVirtualModem.ownNumber, options: .init(mode: .text))
        #expect(sent.partCount == 1)
        let received = try await events.next(Self.message)
        #expect(received.text == text)
        #expect(try await modem.client.send(CMGF.Read()) == .pdu)   // restored
        // Forced GSM 7-bit cannot be typed in several parts (multipart text mode is UCS-2: SMSTextModeSendTests).
        await #expect(throws: SMSServiceError.self) {
            try await sms.send(String(repeating: "x", count: 200), to: SMSVirtualModem.ownNumber, options: .init(mode: .text, encoding: .gsm7))
        }
        await sms.stop()
        await modem.stop()
    }

    @Test func receivesDirectlyViaCMTWithAcknowledgement() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client, configuration: .init(routing: .direct(acknowledge: true)))
        let events = sms.events()
        try await sms.start()
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "first"))
        #expect(try await events.next(Self.message).text == "first")
        // Without the +CNMA the network would hold the second one.
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "second 😀"))
        let second = try await events.next(Self.message)
        #expect(second.text == "second 😀" && second.originator == "+447700900123")
        #expect(try await sms.list(.sim).isEmpty)
        await sms.stop()
        await modem.stop()
    }

    @Test func outOfOrderMultipartWithADuplicateAndAMissingPartIsDeliveredIncompleteAfterTheTimeout() async throws {
        let modem = try await SMSVirtualModem.start()
        let clock = ManualClock()
        let sms = SMSService(client: modem.client, configuration: .init(reassemblyTimeout: .seconds(60)), clock: clock)
        let events = sms.events()
        try await sms.start()
        let text = String(repeating: "0123456789", count: 40)   // 400 septets: 3 parts
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: text, parts: [3, 1, 3]))   // 3 twice
        var seen: [Int] = []
        while seen.count < 3 {
            seen.append(try await events.next { event in if case .partReceived(_, let part, 3) = event { part } else { nil } })
        }
        #expect(seen == [3, 1, 3])
        #expect(await sms.pendingReassemblies == 1)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        let message = try await events.next(Self.message)
        #expect(!message.isComplete && message.missingParts == [2] && message.partCount == 3)
        #expect(message.text == String(text.prefix(153)) + String(text.dropFirst(306)))
        await sms.stop()
        await modem.stop()
    }

    @Test(arguments: [true, false])
    func statusReportsAreCorrelatedWithTheSentParts(direct: Bool) async throws {
        let modem = try await SMSVirtualModem.start()
        // Direct: +CDS with the PDU; stored: +CDSI, then read with +CMGR.
        let sms = SMSService(client: modem.client, configuration: .init(directStatusReports: direct))
        let events = sms.events()
        try await sms.start()
        let sent = try await sms.send("report please", to: "+447700900123", options: .init(statusReport: true))
        let report = try await events.next { event in if case .statusReport(let report) = event { report } else { nil } }
        #expect(report.reference == sent.references[0])
        #expect(report.isDelivered)
        #expect(report.sent == .init(reference: sent.references[0], recipient: "+447700900123", part: 1, of: 1))
        await sms.stop()
        await modem.stop()
    }

    @Test func fullStorageIsDetectedAndEmptied() async throws {
        let modem = try await SMSVirtualModem.start(storageCapacity: 2)
        for index in 1...3 { await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "stored \(index)")) }
        // Two are stored; the third waits in the network until there is room.
        try await bounded {
            while try await modem.client.send(CPMS.Read()).last?.isFull != true {}
        }
        let sms = SMSService(client: modem.client)
        let events = sms.events()
        let usage = try await sms.start()
        #expect(usage.last?.isFull == true)
        var texts: [String] = []
        var full = false
        while texts.count < 3 {
            let event = try await events.next { $0 }
            switch event {
            case .storageFull: full = true
            case .message(let message): texts.append(message.text)
            default: break
            }
        }
        #expect(full)
        #expect(texts.sorted() == ["stored 1", "stored 2", "stored 3"])
        await sms.stop()
        await modem.stop()
    }

    @Test func listReadAndDeleteAcrossStorages() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client, configuration: .init(deleteAfterReading: false))
        let events = sms.events()
        try await sms.start()
        _ = try await sms.send("keep me", to: SMSVirtualModem.ownNumber, options: .init(flash: true))
        let received = try await events.next(Self.message)
        #expect(received.text == "keep me" && received.messageClass == .class0)
        let stored = try await sms.list(.sim)
        try #require(stored.count == 1)
        #expect(stored[0].text == "keep me" && stored[0].number == SMSVirtualModem.ownNumber && stored[0].status == .receivedRead)
        #expect(try await sms.read(stored[0].index, in: .sim)?.text == "keep me")
        #expect(try await sms.list(.modem).isEmpty)
        #expect(try await sms.storageUsage().first?.storage == .modem)   // the last selection stays
        try await sms.delete(stored[0].index, in: .sim)
        #expect(try await sms.list(.sim).isEmpty)
        #expect(try await sms.read(stored[0].index, in: .sim) == nil)
        await sms.stop()
        await modem.stop()
    }

    @Test func refusesUnsendableNumbersAndTextsBeforeWriting() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client)
        for number in ["", "+", "+44 7700", "+44770090012\"", "0044;ATD", String(repeating: "1", count: 21)] {
            await #expect(throws: SMSServiceError.self) { try await sms.send("hi", to: number) }
        }
        do {
            _ = try await sms.send("😀", to: "+447700900123", options: .init(encoding: .gsm7))
            Issue.record("an emoji was accepted in GSM 7-bit")
        } catch {
            guard case .unsendableText(let pdu) = error else { Issue.record("\(error)"); return }
            #expect(pdu.kind == .unrepresentable("😀"))
        }
        await #expect(throws: SMSServiceError.self) {
            try await sms.send(String(repeating: "y", count: 2000), to: "+447700900123", options: .init(maxParts: 3))
        }
        #expect(await modem.runner.snapshot.sentMessages.isEmpty)
        await modem.stop()
    }

    @Test func ussdBalance() async throws {
        let modem = try await SMSVirtualModem.start()
        let sms = SMSService(client: modem.client)
        try await sms.start()
        let answer = try await sms.ussd("*100#", timeout: .seconds(10))
        #expect(answer.status == 0)
        #expect(answer.text?.isEmpty == false)
        await #expect(throws: SMSServiceError.self) { try await sms.ussd("*100#\";AT") }
        await sms.stop()
        await modem.stop()
    }
}
