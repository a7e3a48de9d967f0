import ATCodec
import ModemKit
import ModemKitTestSupport
import ModemTransport
import VirtualModem
import VirtualModemHost

/// A virtual modem on an in-memory pair with an ``ATClient`` on the other end, booted and
/// registered (its timing shortened to milliseconds), for the SMS service tests.
struct SMSVirtualModem {
    let runner: VirtualModemRunner
    let client: ATClient
    /// The virtual SIM's own number: messages sent to it come back as incoming.
    static let ownNumber = "+15550100001"

    static func start(profile: VirtualModemProfile = .generic, storageCapacity: Int = 30) async throws -> SMSVirtualModem {
        var profile = profile
        profile.smStorageCapacity = storageCapacity
        profile.meStorageCapacity = storageCapacity
        profile.timing = VirtualModemProfile.Timing(
            bootTime: .milliseconds(1), simBusyTime: .milliseconds(1), searchDelay: .milliseconds(5),
            registrationDelay: .milliseconds(20), operatorScanTime: .milliseconds(50),
            activationTime: .milliseconds(20), signalStep: .seconds(5)
        )
        let (modemEnd, hostEnd) = InMemoryTransport.pair(label: "sms")
        let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: profile)), transport: modemEnd)
        await runner.start()
        let client = ATClient(transport: hostEnd)
        // Poll until booted, then until registered (each poll bounded by its own timeout).
        try await bounded {
            while true {
                do {
                    if try await client.send(CREG.Read(), timeout: .milliseconds(300)).status.isRegistered { return }
                } catch {
                    continue
                }
            }
        }
        return SMSVirtualModem(runner: runner, client: client)
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
