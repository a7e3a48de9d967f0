import ArgumentParser
import ATCodec
import ModemCore
import ModemKit

extension ModemKitCommand {
    /// `modemkit connect --apn APN`: brings data up, prints the addresses, stays up and recovers.
    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a data connection up, print its addresses, and keep it up.",
            discussion: """
                Probes the modem, configures it, picks its dialect, checks the SIM (entering \
                --pin once; a refused PIN is never retried; with --puk, a SIM locked behind its \
                PUK gets the PUK and --pin as the new PIN, once; the attempts left are printed), waits for registration, attaches and \
                activates the PDP context. With --detect-baud, a modem silent at --baud is \
                looked for at the common rates; with --operator, the network is selected by its \
                PLMN before registration (--operator-fallback: automatic when it is refused). Then it supervises: after a reboot, AT silence, a lost \
                registration or a deactivated context it recovers with backoff. Ctrl-C stops.

                Exit codes: 0 stopped (or connected, with --once); 1 the SIM is locked; 2 usage \
                error; 3 not connected within --timeout, or no answer \
                to AT (with --once); 4 device or connection failure.
                """
        )

        enum IPType: String, CaseIterable, ExpressibleByArgument {
            case ip, ipv6, ipv4v6
            var pdpType: PDPType { self == .ip ? .ip : self == .ipv6 ? .ipv6 : .ipv4v6 }
        }

        enum Auth: String, CaseIterable, ExpressibleByArgument {
            case pap, chap
        }

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var lifecycleOptions: LifecycleOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Access point name (empty: the network's).", valueName: "apn"))
        var apn = ""
        @Option(name: .customLong("ip-type"), help: "PDP type.")
        var ipType: IPType = .ip
        @Option(help: "PDP context id (1 to 15).")
        var cid = 1
        @Option(help: ArgumentHelp("User name for PAP/CHAP.", valueName: "name"))
        var user: String?
        @Option(help: ArgumentHelp("Password for PAP/CHAP.", valueName: "password"))
        var password: String?
        @Option(help: "Authentication when --user is given.")
        var auth: Auth = .pap
        @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks; with --puk, the new PIN.", valueName: "pin"))
        var pin: String?
        @Option(help: ArgumentHelp("SIM PUK (8 digits), entered once with --pin as the new PIN if the SIM is locked behind it.", valueName: "puk"))
        var puk: String?
        @Flag(name: .customLong("no-roaming"), help: "Do not bring data up while roaming.")
        var noRoaming = false
        @Flag(help: "Exit once connected (or the SIM is locked) instead of staying up.")
        var once = false
        @Option(help: ArgumentHelp("With --once: seconds to wait for the connection.", valueName: "seconds"))
        var timeout: Double = 180

        func validate() throws {
            do {
                _ = try settings()
            } catch {
                throw ValidationError("\(error)")
            }
            try CodeChecks.pin(pin)
            try CodeChecks.puk(puk, newPIN: pin)
            try CodeChecks.seconds(timeout, option: "--timeout")
        }

        func settings() throws(DataSessionSettingsError) -> DataSessionSettings {
            let credentials = try user.map { name throws(DataSessionSettingsError) in
                try PDPCredentials(auth == .chap ? .chap : .pap, username: name, password: password ?? "")
            }
            return try DataSessionSettings(cid: cid, type: ipType.pdpType, apn: apn, credentials: credentials)
        }

        func run() async throws {
            // With --puk, --pin is the new PIN: it is set with the PUK, not entered as the old one.
            var lifecycle = ModemLifecycleStateMachine.Configuration(pin: puk == nil ? pin : nil, allowRoaming: !noRoaming)
            lifecycle.dataSession = try settings()
            try lifecycleOptions.apply(to: &lifecycle)
            let code = puk.map { LifecycleCommand.PUK(puk: $0, newPIN: pin ?? "") }
            try await LifecycleCommand.run(
                connection: connection, lifecycle: lifecycle, json: output.json, logging: logging,
                once: once ? .seconds(timeout) : nil, puk: code
            ) { state in
                if case .connected = state { return .connected }
                return nil
            }
        }
    }
}
