import ModemTransport
import VirtualModem
import VirtualModemHost

/// The virtual modem answering on the master of a fresh pseudo-terminal; clients open ``path``.
/// It booted "long ago": no boot URCs, registered within milliseconds, signal fixed at
/// `+CSQ: 21` unless the test configures otherwise.
struct ModemOnPTY {
    let pair: PseudoTerminalPair
    let runner: VirtualModemRunner

    /// The slave path, for `--device` or ``SerialTransport``.
    var path: String { pair.slavePath }

    static func start(_ configure: (inout VirtualModemConfiguration) -> Void = { _ in }) async throws -> ModemOnPTY {
        var configuration = VirtualModemConfiguration(profile: .generic)
        configuration.network.signal = .fixed(rssi: 21)
        configuration.profile.bootURCs = []
        configuration.profile.simReadyURCs = []
        configuration.profile.timing = VirtualModemProfile.Timing(
            bootTime: .milliseconds(1), simBusyTime: .milliseconds(1), searchDelay: .milliseconds(1),
            registrationDelay: .milliseconds(5), operatorScanTime: .milliseconds(20),
            activationTime: .milliseconds(5), signalStep: .seconds(5)
        )
        configure(&configuration)
        let pair = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: pair)
        await runner.start()
        // Hand it over booted and registered, however slow the machine is today.
        let needsRegistration = configuration.sim.present
        await runner.wait { $0.power == "on" && (!needsRegistration || [1, 5].contains($0.registration)) }
        return ModemOnPTY(pair: pair, runner: runner)
    }

    /// The command lines the host typed, in order.
    var receivedLines: [String] {
        get async {
            let bytes = await runner.recentInput
            return bytes.split(whereSeparator: { $0 == 0x0D || $0 == 0x0A }).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// How many bytes the host has written.
    var receivedByteCount: Int {
        get async { await runner.snapshot.statistics.bytesIn }
    }

    /// Stops the modem and closes the pseudo-terminal.
    func stop() async {
        await runner.stop()
        await pair.close()
    }
}
