import ArgumentParser
import ATCodec
import ModemCore
import ModemKit

extension ModemKitCommand {
    /// `modemkit psm set --tau 1h --active 10s`: requests PSM through the lifecycle and prints
    /// what was requested and what the network granted.
    struct PSMSet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Request PSM (and optionally eDRX), register, and print requested vs granted timers.",
            discussion: """
                Brings the modem up to registration (no data session) with registration reports \
                at level 5, sends AT+CPSMS=1,,,"<T3412>","<T3324>" (and AT+CEDRXS with --edrx) \
                and reads the grant from +CEREG.

                Example: modemkit psm set --tau 1h --active 10s --device /dev/ttyUSB2
                    → AT+CPSMS=1,,,"00000110","00000101"

                Exit codes: 0 printed; 1 the SIM is locked or the modem refused PSM; 2 usage \
                error; 3 not registered within --timeout; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var lifecycleOptions: LifecycleOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Periodic TAU (T3412 extended): 90, 10s, 30m, 1h, 2d.", valueName: "duration"))
        var tau: DurationArgument
        @Option(help: ArgumentHelp("Active time (T3324), at most 186 min: 10s, 2m.", valueName: "duration"))
        var active: DurationArgument
        @Option(help: ArgumentHelp("Also request eDRX on LTE-M with the shortest cycle of at least this many seconds.", valueName: "seconds"))
        var edrx: Double?
        @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks.", valueName: "pin"))
        var pin: String?
        @Option(help: ArgumentHelp("Seconds to wait for registration.", valueName: "seconds"))
        var timeout: Double = 180

        func validate() throws {
            do {
                _ = try settings()
            } catch {
                throw ValidationError("\(error)")
            }
            if let edrx { guard edrx > 0, edrx <= 10_485.76 else { throw ValidationError("--edrx must be between 0 and 10485.76 seconds.") } }
            try CodeChecks.pin(pin)
            try CodeChecks.seconds(timeout, option: "--timeout")
        }

        func settings() throws(PowerSavingSettingsError) -> PowerSavingSettings {
            PowerSavingSettings(
                psm: try .init(periodicTAU: tau.duration, activeTime: active.duration),
                edrx: edrx.map { .init(accessType: .lteM, value: CEDRXS.Value(lteMCycleAtLeast: $0)) }
            )
        }

        func run() async throws {
            var lifecycle = ModemLifecycleStateMachine.Configuration(pin: pin, bringUpData: false)
            lifecycle.powerSaving = try settings()
            try lifecycleOptions.apply(to: &lifecycle)
            let psm = lifecycle.powerSaving.psm
            let requested = CPSMS.Setting(enabled: true, periodicTAU: psm?.periodicTAU, activeTime: psm?.activeTime)
            let connection = try await ModemConnection.open(self.connection)
            Console.progress("Connected to \(connection.summary); requesting PSM…")
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), logger: logging.logger(label: "modemkit.modem"))
            let outcome = await RegistrationRun.untilRegistered(modem, timeout: .seconds(timeout))
            var granted = await modem.snapshot.powerSavingGrant
            if granted == nil, case .registered = outcome {
                // The URC may have come before the modem took the request: read it once.
                granted = (try? await client.send(CEREG.Read())).flatMap(PowerSavingGrant.init)
            }
            await modem.stop()
            await client.close()
            await connection.close()
            try RegistrationRun.check(outcome, timeout: timeout)
            let report = PowerSavingReport(requested: requested, granted: granted, edrx: lifecycle.powerSaving.edrx?.value)
            if output.json { try Console.jsonLine(report) } else { report.humanLines.forEach { Console.out($0) } }
        }
    }
}
