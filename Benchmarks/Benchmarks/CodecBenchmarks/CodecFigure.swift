import Benchmark
import ModemKitBenchSupport

/// The custom figures the codec benchmarks report.
enum CodecFigure {
    static let throughput = BenchmarkMetric.custom("Throughput (MB/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let baselineThroughput = BenchmarkMetric.custom(
        "C memchr baseline (MB/s)", polarity: .prefersLarger, useScalingFactor: false)
    static let timeOverBaseline = BenchmarkMetric.custom(
        "Time / C baseline time (%)", polarity: .prefersSmaller, useScalingFactor: false)
    static let mallocsPerThousandLines = BenchmarkMetric.custom(
        "Mallocs per 1000 lines", polarity: .prefersSmaller, useScalingFactor: false)

    static let all = [throughput, baselineThroughput, timeOverBaseline, mallocsPerThousandLines]

    /// Print every count as is (the harness would show 28466 mallocs per 1000 lines as "28 (K)").
    static var exactUnits: [BenchmarkMetric: BenchmarkUnits] {
        Dictionary(uniqueKeysWithValues: (all + [.mallocCountTotal]).map { ($0, .count) })
    }
}

/// Decimal megabytes (10⁶ bytes) per second.
func megabytesPerSecond(_ bytes: Int, _ elapsed: Duration) -> Int {
    let nanoseconds = max(1, elapsed.nanoseconds)
    return Int((Double(bytes) * 1_000 / Double(nanoseconds)).rounded())
}
