import Foundation
import ModemTransport
import VirtualModem
import VirtualModemHost

/// A virtual modem on a fresh pseudo-terminal, run in process by a ``VirtualModemRunner``, for
/// real client programs to open at ``path``.
struct VirtualModemOnPTY {
    let pair: PseudoTerminalPair
    let runner: VirtualModemRunner

    var path: String { pair.slavePath }

    /// The generic profile with boot, SIM and registration taking a millisecond, so a client
    /// that opens the port finds a registered modem.
    static var quickConfiguration: VirtualModemConfiguration {
        var profile = VirtualModemProfile.generic
        profile.timing.bootTime = .milliseconds(1)
        profile.timing.simBusyTime = .milliseconds(1)
        profile.timing.searchDelay = .milliseconds(1)
        profile.timing.registrationDelay = .milliseconds(1)
        return VirtualModemConfiguration(profile: profile, network: NetworkConfiguration(signal: .fixed(rssi: 21)))
    }

    static func start(_ configuration: VirtualModemConfiguration = quickConfiguration) async throws -> VirtualModemOnPTY {
        let pair = try PseudoTerminalPair()
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: configuration), transport: pair)
        await runner.start()
        return VirtualModemOnPTY(pair: pair, runner: runner)
    }

    func stop() async {
        await runner.stop()
    }

    /// Waits until `condition` holds, checking it now and whenever the modem writes something;
    /// `false` when `seconds` pass first. A timer cancels the wait; nothing sleeps.
    func waitUntil(within seconds: Double, _ condition: @escaping @Sendable () async -> Bool) async -> Bool {
        if await condition() { return true }
        let stream = await runner.output()
        let waiter = Task { () -> Bool in
            for await _ in stream where await condition() { return true }
            return false
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { waiter.cancel() }
        if await waiter.value { return true }
        return await condition()
    }
}
