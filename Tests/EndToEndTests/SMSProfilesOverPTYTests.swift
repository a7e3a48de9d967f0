import ATCodec
import ModemKit
import ModemKitTestSupport
import ModemTransport
import SMSPDU
import Testing
import VirtualModem

/// Layer 5: ``SMSService`` over the real serial transport on a pty against the virtual modem
/// speaking as each built-in profile, in PDU and in text mode: a single send, a multipart send
/// that comes back reassembled, an incoming message, and a status report matched to its part.
@Suite("SMS end to end on a pty, every profile")
struct SMSProfilesOverPTYTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var profile: String
        var textMode: Bool
        var testDescription: String { "\(profile), \(textMode ? "text" : "PDU") mode" }
    }

    static let profiles = ["generic", "quectel-bg96", "simcom-sim800", "simcom-sim7600", "ublox-sara-r4"]
    static let cases = profiles.flatMap { [Case(profile: $0, textMode: false), Case(profile: $0, textMode: true)] }

    @Test(arguments: cases)
    func sendMultipartReceiveAndReport(_ c: Case) async throws {
        let profile = try #require(VirtualModemProfile.named(c.profile))
        let modem = try await ModemOnPTY.start { configuration in
            let timing = configuration.profile.timing
            configuration.profile = profile
            configuration.profile.timing = timing       // booted long ago, as ModemOnPTY sets it
            configuration.profile.bootURCs = []
            configuration.profile.simReadyURCs = []
        }
        let serial = try SerialTransport(path: modem.path, baud: 115_200)
        let client = ATClient(transport: serial)
        #expect(try await client.send(ATRawCommand("AT+CGMI", prefixes: ["+CGMI:"])).lines == [profile.manufacturer])
        let mode: SMSService.Configuration.ReceiveMode = c.textMode ? .text(characterSet: .ucs2) : .pdu
        let sms = SMSService(client: client, configuration: .init(receiveMode: mode), firstConcatenationReference: 200)
        let events = sms.events()
        try await sms.start()
        let sendMode: SMSSendOptions.Mode = c.textMode ? .text : .pdu

        // Multipart to the modem's own number: sent in parts, comes back as one message.
        let long = String(repeating: "Over a pty as \(c.profile). ", count: 9)
        let multipart = try await sms.send(long, to: VirtualModem.ownNumber, options: .init(mode: sendMode))
        #expect(multipart.partCount > 1 && multipart.concatenationReference == 200)
        // An incoming message from the network while that is in flight.
        await modem.runner.inject(.incomingSMS(from: "+447700900123", text: "hello from the network"))
        // A single part with a status report.
        let single = try await sms.send("report me", to: "+447700900123", options: .init(mode: sendMode, statusReport: true))

        var texts: [String] = []
        var report: SMSDeliveryReport?
        while texts.count < 2 || report == nil {
            switch try await events.next(within: .seconds(30), { $0 }) {
            case .message(let message): texts.append(message.text)
            case .statusReport(let delivered): report = delivered
            default: break
            }
        }
        #expect(Set(texts) == [long, "hello from the network"])
        #expect(report?.reference == single.references.first && report?.isDelivered == true)
        #expect(report?.sent == .init(reference: single.references[0], recipient: "+447700900123", part: 1, of: 1))
        #expect(try await client.send(CMGF.Read()) == (c.textMode ? .text : .pdu))
        await sms.stop()
        await client.close()
        await modem.stop()
    }
}
