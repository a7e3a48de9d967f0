import Foundation
@testable import ModemKitCLI
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// `modemkit sms`, `pdu` and `ussd` run as processes, against `--sim` or a virtual modem on a pty.
@Suite struct CLISMSTests {
    struct Sent: Decodable {
        var to: String
        var encoding: String
        var parts: Int
        var references: [Int]
        var reports: [Report]?
        struct Report: Decodable { var reference: Int; var delivered: Bool; var part: Int? }
    }

    struct Decoded: Decodable {
        var type: String?
        var from: String?
        var to: String?
        var text: String?
        var concatenation: [Int]?
        var failure: Failure?
        struct Failure: Decodable { var error: String; var offset: Int }
    }

    static let deliver = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"

    @Test func pduDecodeFromArgumentsAndStdin() async throws {
        let result = try await ModemkitProcess.run(["pdu", "decode", "--json", Self.deliver])
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try result.json([Decoded].self)
        #expect(decoded.first?.type == "SMS-DELIVER" && decoded.first?.text == "How are you?" && decoded.first?.from == "+31641600986")
        let piped = try await ModemkitProcess.run(["pdu", "decode"], input: Self.deliver + "\n")
        #expect(piped.status == 0 && piped.stdout.contains("How are you?"))
        let bad = try await ModemkitProcess.run(["pdu", "decode", "--json", Self.deliver, "07911326040000F0040B9113"])
        #expect(bad.status == 1)
        let both = try bad.json([Decoded].self)
        #expect(both.count == 2 && both[0].failure == nil && both[1].failure != nil)
    }

    @Test func pduEncodeThenDecodeRoundTrips() async throws {
        struct Encoded: Decodable { var encoding: String; var parts: [Part]; struct Part: Decodable { var pdu: String; var length: Int } }
        let text = String(repeating: "Ünïcode ✓ ", count: 10)   // UCS-2, 100 units: 2 parts
        let result = try await ModemkitProcess.run(["pdu", "encode", "--to", "+447700900123", "--json"], input: text + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let encoded = try result.json(Encoded.self)
        #expect(encoded.encoding == "ucs2" && encoded.parts.count == 2)
        let decoded = try await ModemkitProcess.run(["pdu", "decode", "--direction", "submit", "--json"] + encoded.parts.map(\.pdu))
        let parts = try decoded.json([Decoded].self)
        #expect(parts.map { $0.text ?? "" }.joined() == text)
        #expect(parts.map { $0.concatenation?[2] ?? 0 } == [1, 2] && parts.allSatisfy { $0.to == "+447700900123" })
        let refused = try await ModemkitProcess.run(["pdu", "encode", "--to", "+44770090012x", "hi"])
        #expect(refused.status == 2)
    }

    @Test func smsSendAgainstTheInProcessVirtualModem() async throws {
        let long = String(repeating: "A long message. ", count: 12)   // 192 septets: 2 parts
        let result = try await ModemkitProcess.run(["sms", "send", "--sim", "generic", "--to", "+15550100001", "--json", long])
        #expect(result.status == 0, "\(result.stderr)")
        let sent = try result.json(Sent.self)
        #expect(sent.parts == 2 && sent.encoding == "gsm7" && sent.references.count == 2)
        let reported = try await ModemkitProcess.run(["sms", "send", "--sim", "quectel-bg96", "--to", "+447700900123", "--wait-report", "--json", "Grüße 😀"])
        #expect(reported.status == 0, "\(reported.stderr)")
        let withReport = try reported.json(Sent.self)
        #expect(withReport.encoding == "ucs2")
        #expect(withReport.reports?.count == 1 && withReport.reports?.first?.delivered == true)
        #expect(withReport.reports?.first?.reference == withReport.references.first)
    }

    @Test func unsendableInputIsAUsageErrorBeforeConnecting() async throws {
        let number = try await ModemkitProcess.run(["sms", "send", "--sim", "generic", "--to", "+44 7700", "hi"])
        #expect(number.status == 2 && number.stderr.contains("Nothing was sent"))
        let emoji = try await ModemkitProcess.run(["sms", "send", "--device", "/nonexistent", "--to", "+447700900123", "--encoding", "gsm7", "😀"])
        #expect(emoji.status == 2, "\(emoji.stderr)")   // refused before the device is opened
        let ussd = try await ModemkitProcess.run(["ussd", "--sim", "generic", "*100#;AT"])
        #expect(ussd.status == 2)
    }

    @Test func ussdAnswer() async throws {
        let result = try await ModemkitProcess.run(["ussd", "--sim", "generic", "--json", "*100#"])
        #expect(result.status == 0, "\(result.stderr)")
        struct Answer: Decodable { var status: Int; var text: String? }
        let answer = try result.json(Answer.self)
        #expect(answer.status == 0 && answer.text?.isEmpty == false)
    }

    @Test func watchPrintsAReassembledMessageFromAVirtualModemOnAPTY() async throws {
        let profile = ModemConnection.quick(.generic)
        let pty = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile)), transport: pty)
        await runner.start()
        let text = String(repeating: "watch me ", count: 30)   // 270 septets: 2 parts, sent out of order
        await runner.inject(.incomingSMS(from: "+447700900123", text: text, parts: [2, 1]))
        let result = try await ModemkitProcess.run(["sms", "watch", "--device", pty.slavePath, "--count", "1", "--json"])
        await runner.stop()
        #expect(result.status == 0, "\(result.stderr)")
        struct Line: Decodable { var from: String; var text: String; var parts: Int; var complete: Bool }
        let line = try JSONDecoder().decode(Line.self, from: Data(result.stdout.split(separator: "\n").first.map(String.init)?.utf8 ?? "".utf8))
        #expect(line.text == text && line.parts == 2 && line.complete && line.from == "+447700900123")
    }
}
