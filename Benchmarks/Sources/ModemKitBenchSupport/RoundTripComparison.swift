import ATCodec
import ModemKit

/// Round trips of the raw baseline and of ``ATClient`` measured in alternating blocks, so that
/// both see the same machine at the same time, each on its own pty with the same responder.
public final class RoundTripComparison: Sendable {
    public let responder: PtyRig.Responder
    private let rawRig: PtyRig
    private let engineRig: PtyRig
    private let raw: RawPtyClient
    private let client: ATClient
    private let command: ATRawCommand

    public init(_ responder: PtyRig.Responder) throws {
        self.responder = responder
        rawRig = try PtyRig(responder)
        engineRig = try PtyRig(responder)
        raw = try rawRig.openRawClient()
        client = try engineRig.openEngineClient()
        command = try ATRawCommand("AT")
    }

    /// One `send(ATRawCommand("AT"))`, timed in nanoseconds.
    public func engineRoundTrip() async throws -> Int {
        let start = ContinuousClock.now
        let response = try await client.send(command)
        let elapsed = (ContinuousClock.now - start).nanoseconds
        guard response.final == .ok else { throw RigError(message: "AT answered \(response.final)") }
        return elapsed
    }

    /// `count` engine round trips run by a task that prefers the transport's poll thread
    /// (``ATClient/taskExecutor``): the answer is handled and returned on the thread that read it.
    public func pinnedEngineRoundTrips(_ count: Int) async throws -> [Int] {
        try await withTaskExecutorPreference(client.taskExecutor) {
            var samples: [Int] = []
            samples.reserveCapacity(count)
            for _ in 0..<count { samples.append(try await engineRoundTrip()) }
            return samples
        }
    }

    /// `blocks` blocks of `blockSize` raw round trips followed by as many engine round trips.
    /// The raw loop runs on a thread of its own and times itself with `CLOCK_MONOTONIC`; the
    /// engine is timed with `ContinuousClock` (both tick at the same rate). With `handoff`,
    /// each block also runs the C handoff floor on the raw pty (`handoff` stays empty otherwise).
    /// With `pinned`, each block ends with as many round trips of ``pinnedEngineRoundTrips(_:)``.
    public func measure(
        blocks: Int, blockSize: Int, handoff withHandoff: Bool = false, pinned withPinned: Bool = false
    ) async throws -> (raw: [Int], engine: [Int], handoff: [Int], pinned: [Int]) {
        var rawSamples: [Int] = []
        var engineSamples: [Int] = []
        var handoffSamples: [Int] = []
        var pinnedSamples: [Int] = []
        rawSamples.reserveCapacity(blocks * blockSize)
        engineSamples.reserveCapacity(blocks * blockSize)
        for _ in 0..<blocks {
            rawSamples.append(contentsOf: try await raw.roundTrips(blockSize))
            if withHandoff { handoffSamples.append(contentsOf: try await raw.roundTrips(blockSize, handoff: true)) }
            for _ in 0..<blockSize { engineSamples.append(try await engineRoundTrip()) }
            if withPinned { pinnedSamples.append(contentsOf: try await pinnedEngineRoundTrips(blockSize)) }
        }
        return (rawSamples, engineSamples, handoffSamples, pinnedSamples)
    }

    public func stop() async {
        raw.close()
        await client.close()
        await rawRig.stop()
        await engineRig.stop()
    }
}
