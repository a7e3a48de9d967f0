import Benchmark
import ModemKitBenchSupport

// The SMS figures of docs/performance.md: SMS-DELIVER decoding against libgammu decoding the same
// PDUs in the same iteration, and single-part encoding against libgammu encoding the same texts in
// the same iteration. Goals: decode ≥ 2,000,000 PDUs/s, encode ≥ 1,000,000 messages/s, both ≥ 3×
// libgammu.

let corpus = SMSCorpus()

enum SMSFigure {
    static let decodeRate = BenchmarkMetric.custom("ModemKit decode (PDUs/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let gammuRate = BenchmarkMetric.custom("libgammu decode (PDUs/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let ratio = BenchmarkMetric.custom("ModemKit / libgammu rate (%)", polarity: .prefersLarger, useScalingFactor: false)
    static let encodeRate = BenchmarkMetric.custom("ModemKit encode (messages/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let gammuEncodeRate = BenchmarkMetric.custom("libgammu encode (messages/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let encodeRatio = BenchmarkMetric.custom("ModemKit / libgammu encode rate (%)", polarity: .prefersLarger, useScalingFactor: false)
    static let all = [decodeRate, gammuRate, ratio, encodeRate, gammuEncodeRate, encodeRatio]
}

func perSecond(_ count: Int, _ elapsed: Duration) -> Int {
    Int((Double(count) * 1e9 / Double(max(1, elapsed.nanoseconds))).rounded())
}

/// One iteration of a comparison: libgammu's pass, then ModemKit's (the harness's measurement),
/// each timed on its own; records both rates (items per second) and ModemKit's ÷ libgammu's × 100.
func compareWithGammu(
    _ benchmark: Benchmark, items: Int, metrics: (ours: BenchmarkMetric, gammu: BenchmarkMetric, ratio: BenchmarkMetric),
    gammu: () -> (checksum: UInt64, failures: Int), ours: () -> Int
) {
    let gammuStart = ContinuousClock.now
    let gammuResult = gammu()
    let gammuElapsed = ContinuousClock.now - gammuStart
    benchmark.startMeasurement()
    let start = ContinuousClock.now
    let checksum = ours()
    let elapsed = ContinuousClock.now - start
    benchmark.stopMeasurement()
    blackHole(checksum)
    blackHole(gammuResult)
    let oursRate = perSecond(items, elapsed)
    let gammuRate = perSecond(items, gammuElapsed)
    benchmark.measurement(metrics.ours, oursRate)
    benchmark.measurement(metrics.gammu, gammuRate)
    benchmark.measurement(metrics.ratio, oursRate * 100 / max(1, gammuRate))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock],
        timeUnits: .microseconds,
        units: Dictionary(uniqueKeysWithValues: (SMSFigure.all + [.mallocCountTotal]).map { ($0, .count) }),
        warmupIterations: 3,
        maxDuration: .seconds(4),
        maxIterations: 200
    )

    Benchmark(
        "SMS-DELIVER decode, 1000 PDUs, vs libgammu",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, SMSFigure.decodeRate, SMSFigure.gammuRate, SMSFigure.ratio])
    ) { (benchmark: Benchmark, passes: SMSPasses) in
        compareWithGammu(
            benchmark, items: passes.corpus.pdus.count, metrics: (SMSFigure.decodeRate, SMSFigure.gammuRate, SMSFigure.ratio),
            gammu: passes.decodeWithGammu, ours: passes.decode
        )
    } setup: {
        let passes = SMSPasses(corpus: corpus)
        precondition(passes.decode() > 0, "ModemKit failed to decode the corpus")
        precondition(passes.decodeWithGammu().failures == 0, "libgammu refused part of the corpus")
        return passes
    }

    Benchmark(
        "SMS single-part encode, 1000 texts, vs libgammu",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, SMSFigure.encodeRate, SMSFigure.gammuEncodeRate, SMSFigure.encodeRatio])
    ) { (benchmark: Benchmark, passes: SMSPasses) in
        compareWithGammu(
            benchmark, items: passes.corpus.texts.count,
            metrics: (SMSFigure.encodeRate, SMSFigure.gammuEncodeRate, SMSFigure.encodeRatio),
            gammu: passes.encodeWithGammu, ours: passes.encode
        )
    } setup: {
        let passes = SMSPasses(corpus: corpus)
        precondition(passes.encode() > 0, "ModemKit failed to encode the corpus")
        precondition(passes.encodeWithGammu().failures == 0, "libgammu refused part of the corpus")
        precondition(passes.firstGammuMismatch() == nil, "libgammu's PDUs do not decode to the corpus texts")
        return passes
    }
}
