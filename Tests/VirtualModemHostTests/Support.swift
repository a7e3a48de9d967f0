import ModemCore
import ModemKitTestSupport
import ModemTransport
import VirtualModem
import VirtualModemHost

/// A virtual modem on a pty, with its timing shortened so tests do not wait for a real boot.
struct VirtualModemOnPTY {
    let runner: VirtualModemRunner
    let pty: PseudoTerminalPair
    var path: String { pty.slavePath }

    static func fast(_ profile: VirtualModemProfile) -> VirtualModemProfile {
        var profile = profile
        profile.timing = VirtualModemProfile.Timing(
            bootTime: .milliseconds(20), simBusyTime: .milliseconds(20), searchDelay: .milliseconds(20),
            registrationDelay: .milliseconds(100), operatorScanTime: .milliseconds(50),
            activationTime: .milliseconds(20), signalStep: .seconds(5)
        )
        return profile
    }

    static func start(
        _ configuration: VirtualModemConfiguration,
        sockets: (@Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer)? = nil
    ) async throws -> VirtualModemOnPTY {
        var configuration = configuration
        configuration.profile = fast(configuration.profile)
        let pty = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: pty, sockets: sockets)
        await runner.start()
        return VirtualModemOnPTY(runner: runner, pty: pty)
    }

    func stop() async {
        await runner.stop()
    }
}
