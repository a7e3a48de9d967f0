import ModemKitTestSupport
import ModemTelemetry
import NIOCore
import NIOPosix
import Testing

@Suite struct HostSocketConnectorTests {
    @Test func refusedConnectionIsATypedError() async throws {
        // Bind a port and close it again so nothing listens there.
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        await #expect(throws: TelemetryConnectionError.self) {
            _ = try await HostSocketConnector().connect(host: "127.0.0.1", port: port, transport: .tcp)
        }
    }
}
