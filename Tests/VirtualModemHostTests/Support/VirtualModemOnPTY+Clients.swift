import Foundation
import VirtualModem
import VirtualModemHost

extension VirtualModemOnPTY {
    /// The generic profile with a fixed signal (`+CSQ: 21,99`), for the real-client tests.
    static var clientConfiguration: VirtualModemConfiguration {
        VirtualModemConfiguration(profile: .generic, network: NetworkConfiguration(signal: .fixed(rssi: 21)))
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
