import ArgumentParser
import SMSPDU

extension ModemKitCommand {
    /// `modemkit pdu decode HEX...`.
    struct PDUDecode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decode",
            abstract: "Decode PDUs given as hex (arguments, or whitespace-separated on stdin).",
            discussion: """
                PDUs are read as modems print them (+CMGR, +CMGL, +CMT, +CDS): the SMSC address \
                first (--no-smsc when it is absent). Without --direction an SMS-DELIVER or \
                STATUS-REPORT is tried first, then an SMS-SUBMIT. Exit code 1 when a PDU does \
                not decode (its error and byte offset are printed), 2 when nothing was given.
                """
        )

        enum Direction: String, CaseIterable, ExpressibleByArgument {
            case auto, deliver, submit
        }

        @OptionGroup var output: OutputOptions

        @Option(help: "deliver (to the mobile: DELIVER, STATUS-REPORT), submit (from it), or auto.")
        var direction: Direction = .auto

        @Flag(name: .customLong("no-smsc"), help: "The PDUs start with the TPDU (no SMSC address).")
        var noSMSC = false

        @Argument(help: ArgumentHelp("PDUs in hex; read from stdin when none is given.", valueName: "hex"))
        var pdus: [String] = []

        func run() throws {
            let inputs = pdus.isEmpty ? ModemKitCommand.standardInputWords() : pdus
            guard !inputs.isEmpty else { throw ValidationError("Give PDUs in hex as arguments or on stdin.") }
            let chosen: SMSDirection? = switch direction {
            case .auto: nil
            case .deliver: .toMobile
            case .submit: .fromMobile
            }
            let decoded = inputs.map { PDUDescription(hex: $0, direction: chosen, includesSMSC: !noSMSC) }
            if output.json {
                try Console.json(decoded)
            } else {
                for (index, description) in decoded.enumerated() {
                    if index > 0 { Console.out() }
                    for line in description.humanLines { Console.out(line) }
                }
            }
            if decoded.contains(where: { $0.failure != nil }) { throw ExitCode(CLIExit.modemError) }
        }
    }
}
