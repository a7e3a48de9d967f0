import NIOCore
import NIOPosix

/// The fleet benchmark's baseline: the same network work without any modem: `count` TCP
/// connections to the sink, each sending `payloadSize` bytes and closing, all at once, on the
/// same event loops the modems' sockets use.
public enum FleetBaseline {
    /// Runs it; returns the wall time in seconds and how many connections failed.
    public static func run(
        count: Int, port: Int, payloadSize: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async -> (seconds: Double, failed: Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let payload = (0..<payloadSize).map { UInt8(0x41 + $0 % 26) }
        var failed = 0
        await withTaskGroup(of: Bool.self) { tasks in
            for _ in 0..<count {
                tasks.addTask {
                    do {
                        let channel = try await ClientBootstrap(group: group)
                            .connectTimeout(.seconds(10))
                            .connect(host: "127.0.0.1", port: port)
                            .get()
                        try await channel.writeAndFlush(ByteBuffer(bytes: payload))
                        try await channel.close()
                        return true
                    } catch {
                        return false
                    }
                }
            }
            for await ok in tasks where !ok { failed += 1 }
        }
        let elapsed = start.duration(to: clock.now)
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, failed)
    }
}
