import ArgumentParser
import ModemKit
import SMSPDU

extension ModemKitCommand {
    /// `modemkit pdu encode --to NUMBER TEXT`.
    struct PDUEncode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "encode",
            abstract: "Encode a text as SMS-SUBMIT PDUs, one per part, with the AT+CMGS length.",
            discussion: "The text is the argument, or all of stdin (without its final newline) when none is given."
        )

        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("Recipient: an optional + and 1 to 20 digits.", valueName: "number"))
        var to: String

        @Option(help: "Encoding: auto (cheapest), gsm7 or ucs2.")
        var encoding: SMSSend.Encoding = .auto

        @Flag(help: "Class 0 (flash).")
        var flash = false

        @Flag(help: "Request status reports (TP-SRR).")
        var report = false

        @Option(help: ArgumentHelp("Concatenation reference for multipart messages (0...255).", valueName: "n"))
        var reference = 1

        @Argument(help: "The text.")
        var text: String?

        struct Output: Encodable {
            struct Part: Encodable {
                var pdu: String
                var length: Int
            }
            var encoding: String
            var parts: [Part]
            var unitsLeft: Int
        }

        func run() throws {
            var text = self.text ?? ModemKitCommand.standardInputText()
            if self.text == nil, text.hasSuffix("\n") { text.removeLast() }
            guard (0...255).contains(reference) else { throw ValidationError("--reference must be 0...255.") }
            let options = SMSSendOptions(encoding: encoding.preference, flash: flash, statusReport: report)
            let plan: SMSEncodingPlan
            do {
                plan = try SMSService.plan(text, to: to, options: options)
            } catch {
                throw ValidationError("\(error)")
            }
            let template = SMSSubmit(destination: SMSAddress(to), userData: SMSUserData(body: .text("")),
                                     validityPeriod: .relative(hours: 24), statusReportRequest: report)
            var parts: [Output.Part] = []
            for submit in plan.submits(to: SMSAddress(to), reference: UInt16(reference), messageClass: flash ? .class0 : nil, template: template) {
                do {
                    let wire = try SMSPDU(tpdu: .submit(submit)).encoded()
                    parts.append(.init(pdu: wire.hex, length: wire.tpduLength))
                } catch {
                    throw CLIError("cannot encode: \(error)", exitCode: CLIExit.usage)
                }
            }
            let out = Output(encoding: SMSSession.name(plan.encoding), parts: parts, unitsLeft: plan.unitsLeftInLastPart)
            if output.json {
                try Console.json(out)
            } else {
                Console.error("\(parts.count) part(s), \(out.encoding), \(out.unitsLeft) left in the last part")
                for part in parts { Console.out("AT+CMGS=\(part.length)  \(part.pdu)") }
            }
        }
    }
}
