import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// What the socket end-to-end suites share: a virtual modem of a profile on a pty with real
/// loopback sockets, data brought up by ``Modem``, and a bounded read of a socket's stream.
enum SocketEndToEnd {
    typealias E2E = ModemLifecycleEndToEndTests

    static func connected(_ profileName: String) async throws -> (VirtualModemOnPTY, ATClient, Modem) {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let vm = try await VirtualModemOnPTY.start(VirtualModemConfiguration(profile: profile), sockets: SocketBridge.loopback)
        let client = ATClient(transport: try SerialTransport(path: vm.path, baud: 115_200))
        let modem = Modem(client: client, configuration: .init(lifecycle: E2E.lifecycle, probeTimeout: .milliseconds(200)))
        let status = modem.status()
        await modem.start()
        _ = try await E2E().next(status, E2E.addresses)
        return (vm, client, modem)
    }

    /// Collects `count` bytes from the stream (TCP may split or merge chunks).
    static func read(_ socket: ModemSocket, count: Int) async throws -> [UInt8] {
        try await bounded {
            var bytes: [UInt8] = []
            for await chunk in socket.received {
                bytes += chunk
                if bytes.count >= count { return bytes }
            }
            return bytes
        }
    }
}
