/// Exponential backoff with jitter: how long to wait before trying a destination again after
/// `n` failures in a row.
///
///     let backoff = RetryBackoff(initial: .seconds(2), maximum: .seconds(300))
///     backoff.delay(afterFailures: 1, random: 0.5)   // 2 s
///     backoff.delay(afterFailures: 4, random: 0.5)   // 16 s
///     backoff.delay(afterFailures: 4, random: 0.0)   // 12.8 s (16 s − 20 %)
///
/// Jitter spreads the retries of many devices that lost the network at the same moment, so they
/// do not all come back at once (`random` is uniform in 0..<1; 0.5 gives the undisturbed delay).
public struct RetryBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var initial: Duration
    /// No delay is longer than this (before jitter).
    public var maximum: Duration
    /// Each further failure multiplies the delay by this.
    public var multiplier: Double
    /// The delay is moved by up to this fraction either way (0.2 = ±20 %).
    public var jitter: Double

    public init(initial: Duration = .seconds(2), maximum: Duration = .seconds(300), multiplier: Double = 2, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(0, jitter), 1)
    }

    /// The delay after `failures` failures in a row (1 or more), with `random` in 0..<1.
    public func delay(afterFailures failures: Int, random: Double) -> Duration {
        let steps = Double(max(0, failures - 1))
        let base = min(Self.seconds(initial) * pow(multiplier, steps), Self.seconds(maximum))
        let unit = min(max(random, 0), 1)
        let factor = 1 + jitter * (2 * unit - 1)
        return .milliseconds(Int64((base * factor * 1000).rounded()))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `base` raised to `exponent`, by repeated multiplication (exponents here are small whole
    /// numbers; capped so a long outage cannot overflow).
    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = min(exponent, 64)
        while remaining >= 1 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
