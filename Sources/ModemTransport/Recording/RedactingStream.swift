import ATCodec

/// Applies ``ATRedactor`` to a stream of chunks, carrying the current (unterminated) line
/// over from one chunk to the next, so that a command split across chunks — `AT+CPI` then
/// `N="1234"\r` — is still recognised and its secret masked in the chunk that holds it.
///
/// A secret that itself straddles two chunks is masked in both: the first chunk's part by the
/// first scan (an open parameter runs to the end of the chunk), the second's by this carry.
/// The carried line is capped (``carryLimit``); a secret after more than that many bytes of
/// one line, split across chunks, can escape.
struct RedactingStream: Sendable {
    /// The most bytes of the current line carried into the next chunk's scan.
    static let carryLimit = 1024

    private var line: [UInt8] = []

    /// The chunk with secrets masked, and whether anything was masked.
    mutating func redact(_ chunk: [UInt8]) -> (bytes: [UInt8], redacted: Bool) {
        let carried = line.count
        line.append(contentsOf: chunk)
        let ranges = ATRedactor.secretRanges(in: line)
        defer { trimToCurrentLine() }
        guard !ranges.isEmpty else { return (chunk, false) }

        var out: [UInt8] = []
        var copied = 0
        var masked = false
        for range in ranges {
            let lower = max(range.lowerBound - carried, 0)
            let upper = min(range.upperBound - carried, chunk.count)
            guard upper > lower else { continue }  // entirely in the carried part: already handled
            out.append(contentsOf: chunk[copied..<lower])
            out.append(contentsOf: ATRedactor.mask)
            copied = upper
            masked = true
        }
        guard masked else { return (chunk, false) }
        out.append(contentsOf: chunk[copied...])
        return (out, true)
    }

    /// Keeps only what follows the last CR or LF, at most ``carryLimit`` bytes.
    private mutating func trimToCurrentLine() {
        if let lastBreak = line.lastIndex(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            line.removeSubrange(...lastBreak)
        }
        if line.count > Self.carryLimit {
            line.removeSubrange(..<(line.count - Self.carryLimit))
        }
    }
}
