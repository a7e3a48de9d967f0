// Small helpers for turning samples into the figures the benchmarks print.

extension Duration {
    /// The duration in whole nanoseconds.
    public var nanoseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}

/// The value at percentile `p` (0...100) of `samples`, nearest rank.
public func percentile(_ p: Double, of samples: [Int]) -> Int {
    guard !samples.isEmpty else { return 0 }
    let sorted = samples.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

extension Double {
    /// `3.14159.formatted(decimals: 2)` → `"3.14"`, without Foundation.
    public func formatted(decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (self * scale).rounded()
        let whole = Int(scaled / scale)
        guard decimals > 0 else { return "\(whole)" }
        let fraction = Int(abs(scaled) - abs(Double(whole)) * scale)
        let digits = String(fraction)
        let sign = self < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole)." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
    }
}
