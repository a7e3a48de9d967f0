import Benchmark
import ModemKitBenchSupport

// Figure 3 of docs/performance.md: `ATClient.send(ATRawCommand("AT"))` over SerialTransport on
// a pty against a blocking C write/read loop on a pty with the same responder, measured in
// alternating blocks in the same iteration; then the same client called from a task that prefers
// the port's poll thread (`withTaskExecutorPreference(client.taskExecutor)`).

let benchmarks: @Sendable () -> Void = {
    for responder in [PtyRig.Responder.blockingC, .pseudoTerminalPair] {
        let rigs = RigHolder()
        Benchmark(
            "pty round trip, \(responder): ATClient vs raw fd",
            configuration: .init(
                metrics: PtyFigure.all,
                timeUnits: .microseconds,
                units: PtyFigure.exactUnits,
                warmupIterations: 1,
                maxDuration: .seconds(15),
                maxIterations: 12
            )
        ) { (benchmark: Benchmark, comparison: RoundTripComparison) async throws in
            let (raw, engine, _, pinned) = try await comparison.measure(blocks: 10, blockSize: 50, pinned: true)
            for sample in raw { benchmark.measurement(PtyFigure.raw, sample) }
            for sample in engine { benchmark.measurement(PtyFigure.engine, sample) }
            for sample in pinned { benchmark.measurement(PtyFigure.pinned, sample) }
            benchmark.measurement(PtyFigure.pinnedMedianRatio, percentile(50, of: pinned) * 100 / percentile(50, of: raw))
            benchmark.measurement(PtyFigure.medianRatio, percentile(50, of: engine) * 100 / percentile(50, of: raw))
            benchmark.measurement(PtyFigure.p99Ratio, percentile(99, of: engine) * 100 / percentile(99, of: raw))
        } setup: {
            let comparison = try RoundTripComparison(responder)
            rigs.set(comparison)
            return comparison
        } teardown: {
            await rigs.take()?.stop()
        }
    }
}
