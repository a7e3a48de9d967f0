import ModemKit
@testable import ModemKitCLI
import ModemKitTestSupport
import VirtualModem
import VirtualModemHost

/// The virtual modem `--sim` starts (in memory, booted and registered, timing shortened) with an
/// ``ATClient`` and a started ``SMSService`` on the other end.
struct InMemoryVirtualModem {
    let runner: VirtualModemRunner
    let client: ATClient
    let sms: SMSService
    /// The service's events, subscribed before it started.
    let events: AsyncStream<SMSServiceEvent>
    /// Messages sent here come back as incoming messages.
    static let ownNumber = "+15550100001"

    static func start(profile: VirtualModemProfile = .generic) async throws -> InMemoryVirtualModem {
        let (transport, runner) = await ModemConnection.startVirtualModem(profile)
        let client = ATClient(transport: transport)
        let sms = SMSService(client: client)
        let events = sms.events()
        try await sms.start()
        return InMemoryVirtualModem(runner: runner, client: client, sms: sms, events: events)
    }

    /// The next complete message that arrives, within `limit`.
    func nextMessage(within limit: Duration = .seconds(20)) async throws -> SMSReceivedMessage {
        let events = events
        return try await bounded(limit) {
            for await event in events {
                if case .message(let message) = event { return message }
            }
            throw TimedOut(limit: limit)
        }
    }

    func stop() async {
        await sms.stop()
        await client.close()
        await runner.stop()
    }
}
