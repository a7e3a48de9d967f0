import Benchmark
import MallocInterposerSwift
import ModemKitBenchSupport

// Figures 1 and 2 of docs/performance.md: framer + classifier and the engine state machine over
// a generated 8 MiB modem session, each against the C memchr splitter timed in the same
// iteration over the same bytes in the same reads; allocations per classified line.

/// The session every codec benchmark reads (generated once per process, from a fixed seed).
let session = Transcript.modemSession()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal] + CodecFigure.all,
        timeUnits: .milliseconds,
        units: CodecFigure.exactUnits,
        warmupIterations: 2,
        maxDuration: .seconds(4),
        maxIterations: 40
    )

    for chunkSize in [64, 4096] {
        Benchmark(
            "C memchr splitter, \(chunkSize) B reads",
            configuration: .init(metrics: [.wallClock, CodecFigure.baselineThroughput])
        ) { (benchmark: Benchmark, baseline: LineSplitterBaseline) in
            let start = ContinuousClock.now
            let result = baseline.run(chunkSize: chunkSize)
            let elapsed = ContinuousClock.now - start
            blackHole(result)
            benchmark.measurement(CodecFigure.baselineThroughput, megabytesPerSecond(session.bytes.count, elapsed))
        } setup: {
            LineSplitterBaseline(bytes: session.bytes)
        }

        Benchmark("Framer + classifier, \(chunkSize) B reads") { (benchmark: Benchmark, rig: CodecRig) in
            let baseline = rig.timeBaseline(chunkSize: chunkSize)
            benchmark.startMeasurement()
            let mallocsBefore = MallocInterposerSwift.getStatistics().mallocCount
            let start = ContinuousClock.now
            let tally = rig.codec.run(chunkSize: chunkSize)
            let elapsed = ContinuousClock.now - start
            let mallocs = MallocInterposerSwift.getStatistics().mallocCount - mallocsBefore
            benchmark.stopMeasurement()
            blackHole(tally)
            rig.record(benchmark, elapsed: elapsed, baseline: baseline, mallocs: mallocs, lines: tally.lines)
        } setup: {
            let rig = CodecRig(session)
            try rig.verifyCodec(chunkSize: chunkSize)
            return rig
        }

        Benchmark("Engine state machine (no I/O), \(chunkSize) B reads") { (benchmark: Benchmark, rig: CodecRig) in
            let baseline = rig.timeBaseline(chunkSize: chunkSize)
            let pass = rig.engine
            benchmark.startMeasurement()
            let mallocsBefore = MallocInterposerSwift.getStatistics().mallocCount
            let start = ContinuousClock.now
            let outcome = pass.run()
            let elapsed = ContinuousClock.now - start
            let mallocs = MallocInterposerSwift.getStatistics().mallocCount - mallocsBefore
            benchmark.stopMeasurement()
            blackHole(outcome)
            rig.record(benchmark, elapsed: elapsed, baseline: baseline, mallocs: mallocs, lines: session.expected.lines)
        } setup: {
            let rig = CodecRig(session, engineChunkSize: chunkSize)
            try rig.verifyEngine(chunkSize: chunkSize)
            return rig
        }
    }
}
