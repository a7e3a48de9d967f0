import ModemKit
@testable import ModemKitCLI
import VirtualModem
import VirtualModemHost

/// The virtual modem `--sim` starts (in memory, booted and registered, timing shortened) with an
/// ``ATClient`` on the other end.
struct InMemoryVirtualModem {
    let runner: VirtualModemRunner
    let client: ATClient
    /// Messages sent here come back as incoming messages.
    static let ownNumber = "+15550100001"

    static func start(profile: VirtualModemProfile = .generic) async -> InMemoryVirtualModem {
        let (transport, runner) = await ModemConnection.startVirtualModem(profile)
        return InMemoryVirtualModem(runner: runner, client: ATClient(transport: transport))
    }

    func stop() async {
        await client.close()
        await runner.stop()
    }
}
