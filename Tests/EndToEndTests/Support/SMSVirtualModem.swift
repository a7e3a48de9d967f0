import ATCodec
import ModemKit
@testable import ModemKitCLI
import ModemKitTestSupport
import VirtualModem
import VirtualModemHost

/// A virtual modem on an in-memory pair (the one `--sim` starts: booted and registered, timing
/// shortened) with an ``ATClient`` on the other end, for the SMS service tests.
struct SMSVirtualModem {
    let runner: VirtualModemRunner
    let client: ATClient
    /// The virtual SIM's own number: messages sent to it come back as incoming.
    static let ownNumber = "+15550100001"

    static func start(profile: VirtualModemProfile = .generic, storageCapacity: Int = 30) async throws -> SMSVirtualModem {
        var profile = profile
        profile.smStorageCapacity = storageCapacity
        profile.meStorageCapacity = storageCapacity
        let (transport, runner) = await ModemConnection.startVirtualModem(profile)
        return SMSVirtualModem(runner: runner, client: ATClient(transport: transport))
    }

    func stop() async {
        await client.close()
        await runner.stop()
    }
}

extension AsyncStream where Element == SMSServiceEvent {
    /// The next event `pick` accepts, within `limit`.
    func next<T: Sendable>(within limit: Duration = .seconds(20), _ pick: @escaping @Sendable (SMSServiceEvent) -> T?) async throws -> T {
        let stream = self
        return try await bounded(limit) {
            for await event in stream {
                if let value = pick(event) { return value }
            }
            throw TimedOut(limit: limit)
        }
    }
}
