import Benchmark

/// The custom figures the pty benchmarks report; round trips in nanoseconds, one sample each.
enum PtyFigure {
    static let raw = BenchmarkMetric.custom("Raw fd round trip (ns)", polarity: .prefersSmaller, useScalingFactor: false)
    static let engine = BenchmarkMetric.custom("ATClient round trip (ns)", polarity: .prefersSmaller, useScalingFactor: false)
    static let medianRatio = BenchmarkMetric.custom(
        "ATClient / raw, median (%)", polarity: .prefersSmaller, useScalingFactor: false)
    static let p99Ratio = BenchmarkMetric.custom("ATClient / raw, p99 (%)", polarity: .prefersSmaller, useScalingFactor: false)

    static let pinned = BenchmarkMetric.custom(
        "ATClient round trip, caller on the poll thread (ns)", polarity: .prefersSmaller, useScalingFactor: false)
    static let pinnedMedianRatio = BenchmarkMetric.custom(
        "ATClient on the poll thread / raw, median (%)", polarity: .prefersSmaller, useScalingFactor: false)

    static let all = [raw, engine, medianRatio, p99Ratio, pinned, pinnedMedianRatio]

    /// Print nanoseconds and percentages as is, not as "106 (K)".
    static var exactUnits: [BenchmarkMetric: BenchmarkUnits] {
        Dictionary(uniqueKeysWithValues: all.map { ($0, .count) })
    }
}
