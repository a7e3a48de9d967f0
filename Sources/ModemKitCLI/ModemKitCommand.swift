import ArgumentParser
import Foundation

/// The `modemkit` command: talk to AT-command cellular modems from a shell.
///
///     modemkit ports
///     modemkit at --device /dev/ttyUSB2 AT+CSQ 'AT+COPS?'
///     modemkit info --device /dev/ttyUSB2 --json
///     modemkit demo
///
/// Exit codes are the same for every subcommand (``CLIExit``): 0 success, 1 the modem answered
/// an error, 2 usage error (nothing was written), 3 the modem did not answer, 4 the device
/// could not be opened or the connection closed.
public struct ModemKitCommand: AsyncParsableCommand {
    /// The version `--version` prints and trace headers carry.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "modemkit",
        abstract: "Talk to AT-command cellular modems: send commands, read modem info, SMS and USSD, open a terminal, run a demo.",
        discussion: """
            Exit codes: 0 success; 1 the modem answered an error (ERROR, +CME ERROR, +CMS ERROR); \
            2 usage error, nothing was written; 3 the modem did not answer in time; \
            4 the device could not be opened or the connection closed.
            """,
        version: version,
        subcommands: [Ports.self, AT.self, Terminal.self, Info.self, SMS.self, PDU.self, USSD.self, Connect.self, Status.self, PSM.self, Socket.self, PPP.self, Telemetry.self, Demo.self, Sim.self, Replay.self, OutboxStress.self]
    )

    public init() {}

    /// Parses the command line and runs the subcommand, mapping failures to ``CLIExit`` codes:
    /// argument errors exit with 2 (not argument-parser's 64), ``CLIError`` with its own code.
    /// The `modemkit` executable calls this rather than argument-parser's `main()`.
    public static func execute(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIError {
            Console.error("modemkit: \(failure.message)")
            exit(withError: ExitCode(failure.exitCode))
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.error(fullMessage(for: error))
                exit(withError: ExitCode(CLIExit.usage))
            }
            exit(withError: error)
        }
    }
}
