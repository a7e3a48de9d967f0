import ModemKitTestSupport

extension SeededGenerator {
    /// A value in `range`, by multiply-and-shift (Lemire), written out here rather than taken
    /// from `Int.random(in:using:)` so the transcript's bytes cannot change with the standard
    /// library.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let product = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int(product.high)
    }

    /// A value in `range`.
    mutating func int(in range: Range<Int>) -> Int {
        int(in: range.lowerBound...(range.upperBound - 1))
    }
}
