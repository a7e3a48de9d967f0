/// A small, fast, deterministic random generator (SplitMix64) for property tests: the same
/// seed gives the same sequence on every platform, so a failing case can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ways of cutting one byte stream into chunks; a parser must give the same result for all.
public enum StreamSplits {
    /// The stream whole, byte by byte, and in `randomRuns` seeded random chunkings (1...maxChunk bytes).
    public static func all(_ bytes: [UInt8], randomRuns: Int = 20, maxChunk: Int = 17, seed: UInt64 = 0x5EED) -> [(name: String, chunks: [[UInt8]])] {
        var result: [(String, [[UInt8]])] = [("whole", [bytes]), ("byte by byte", bytes.map { [$0] })]
        var generator = SeededGenerator(seed: seed)
        for run in 0..<randomRuns {
            result.append(("random #\(run) (seed \(seed))", randomChunks(bytes, maxChunk: maxChunk, using: &generator)))
        }
        return result
    }

    /// Seeded random chunks of 1...maxChunk bytes.
    public static func randomChunks(_ bytes: [UInt8], maxChunk: Int, using generator: inout SeededGenerator) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            let size = Int.random(in: 1...max(1, maxChunk), using: &generator)
            chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
            index += size
        }
        return chunks
    }
}
