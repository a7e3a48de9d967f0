import ATCodec

/// The commands of a generated session, with the mix a telemetry device's polling loop sends
/// and the classifier context each one's typed command gives.
enum SessionCommand: CaseIterable {
    case csq, creg, cereg, cops, cgdcont, cmgl, cmgs, cimi, probe, ati, cgsn, cclk, reset

    /// Percent of exchanges; `reset` (a reboot) is rare and taken out of `probe`'s share.
    private var weight: Int {
        switch self {
        case .csq: 22
        case .creg: 12
        case .cereg: 8
        case .cops: 10
        case .cgdcont: 8
        case .cmgl: 6
        case .cmgs: 4
        case .cimi: 5
        case .probe: 10
        case .ati, .cgsn, .cclk: 5
        case .reset: 0
        }
    }

    /// The command for a roll in 0..<100 (never `reset`: the builder turns a few probes into one).
    static func pick(_ roll: Int) -> SessionCommand {
        var remaining = roll
        for kind in allCases {
            if remaining < kind.weight { return kind }
            remaining -= kind.weight
        }
        return .probe
    }

    var text: String {
        switch self {
        case .csq: "AT+CSQ"
        case .creg: "AT+CREG?"
        case .cereg: "AT+CEREG?"
        case .cops: "AT+COPS?"
        case .cgdcont: "AT+CGDCONT?"
        case .cmgl: "AT+CMGL=4"
        case .cmgs: "AT+CMGS"
        case .cimi: "AT+CIMI"
        case .probe: "AT"
        case .ati: "ATI"
        case .cgsn: "AT+CGSN"
        case .cclk: "AT+CCLK?"
        case .reset: "AT+CFUN=1,1"
        }
    }

    var prefixes: [String] {
        switch self {
        case .csq: ["+CSQ:"]
        case .creg: ["+CREG:"]
        case .cereg: ["+CEREG:"]
        case .cops: ["+COPS:"]
        case .cgdcont: ["+CGDCONT:"]
        case .cmgl: ["+CMGL:"]
        case .cmgs: ["+CMGS:"]
        case .cclk: ["+CCLK:"]
        case .cimi, .probe, .ati, .cgsn, .reset: []
        }
    }

    /// Commands that print bare values: `ATI`, `AT+CGSN`, `AT+CIMI`, and `+CMGL`'s PDU lines.
    var acceptsBareLines: Bool {
        switch self {
        case .cmgl, .cimi, .ati, .cgsn: true
        default: false
        }
    }

    var context: ATCommandContext {
        Self.contexts[self]!
    }

    private static let contexts: [SessionCommand: ATCommandContext] = Dictionary(
        uniqueKeysWithValues: allCases.map { kind in
            (kind, ATCommandContext(echo: kind.text, prefixes: kind.prefixes, acceptsBareLines: kind.acceptsBareLines))
        }
    )
}
