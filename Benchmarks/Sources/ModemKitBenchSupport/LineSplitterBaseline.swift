import CBaselines

/// The C baseline: `memchr` for `\n` over the same bytes in the same reads, counting lines
/// (see `Sources/CBaselines/line_splitter.c`).
public struct LineSplitterBaseline: Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// One pass; returns the number of lines and a checksum the caller must consume.
    public func run(chunkSize: Int) -> (lines: Int, checksum: UInt64) {
        let result = bytes.withUnsafeBufferPointer { buffer in
            mk_split_lines(buffer.baseAddress, buffer.count, chunkSize)
        }
        return (Int(result.lines), result.checksum)
    }
}
