import ArgumentParser
import ModemCore
import ModemKit

extension ModemKitCommand {
    /// `modemkit status [--watch]`: registration, operator, signal, as the lifecycle sees them,
    /// without bringing data up.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the modem's state, registration, operator and signal; --watch keeps following them.",
            discussion: """
                Runs the lifecycle up to registration (no PDP context is activated) and prints \
                each status change. Without --watch it exits once registered.

                Exit codes: 0 registered (or stopped, with --watch); 1 the SIM is locked; 2 usage \
                error; 3 not registered within --timeout; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var lifecycleOptions: LifecycleOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Flag(help: "Keep following status changes until Ctrl-C.")
        var watch = false
        @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks.", valueName: "pin"))
        var pin: String?
        @Option(help: ArgumentHelp("Seconds to wait for registration.", valueName: "seconds"))
        var timeout: Double = 180

        func validate() throws {
            guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
        }

        func run() async throws {
            var lifecycle = ModemLifecycleStateMachine.Configuration(pin: pin)
            lifecycle.bringUpData = false
            try lifecycleOptions.apply(to: &lifecycle)
            try await LifecycleCommand.run(
                connection: connection, lifecycle: lifecycle, json: output.json, logging: logging,
                once: watch ? nil : .seconds(timeout)
            ) { state in
                if case .registered = state { return .registered }
                return nil
            }
        }
    }
}
