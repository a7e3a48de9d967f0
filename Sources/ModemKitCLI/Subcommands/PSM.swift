import ArgumentParser

extension ModemKitCommand {
    /// `modemkit psm set|show|off`.
    struct PSM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "psm",
            abstract: "Request, show or turn off power saving mode (PSM, AT+CPSMS) and eDRX.",
            discussion: """
                Timers are sent as TS 24.008 GPRS timer octets: the periodic TAU (T3412 extended) \
                and the active time (T3324). A duration no unit holds exactly is rounded up to \
                the next one that does; both the requested and the granted values are printed \
                decoded. The network's grant comes in +CEREG (reporting level 4 or 5).
                """,
            subcommands: [PSMSet.self, PSMShow.self, PSMOff.self]
        )
    }
}

/// `1h`, `10s`, `30m`, `90` (seconds), `2d` as a duration.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init?(argument: String) {
        let text = argument.lowercased()
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
        let scale: Int64? = switch text.dropFirst(digits.count) {
        case "", "s", "sec": 1
        case "m", "min": 60
        case "h": 3_600
        case "d": 86_400
        default: nil
        }
        guard let scale else { return nil }
        duration = .seconds(value * scale)
    }
}
