/// Reads a trace incrementally: append text in chunks of any size, then pull records and
/// errors with ``next()``. Never blocks, never traps; memory is bounded by the longest line
/// it accepts.
///
/// ```swift
/// var reader = TraceReader()
/// reader.append("#modemkit-trace v1\n# baud: 115200\n0.012345 tx AT+CSQ\\r\n0.03")
/// reader.append("4000 rx \\r\\n+CSQ: 21,99\\r\\n\\r\\nOK\\r\\n\n")
/// reader.finish()                       // end of input: a last unterminated line is read too
/// while let item = reader.next() {
///     switch item {
///     case .record(let record): print(record.time, record.bytes)
///     case .error(let error): print(error)  // "line 9: invalid time 'x': …", then reading goes on
///     }
/// }
/// reader.header.baud                    // 115200
/// ```
public struct TraceReader: Sendable {
    /// What ``next()`` produces.
    public enum Item: Sendable, Hashable {
        case record(TraceRecord)
        case error(TraceReadError)
    }

    /// What ``next(payload:)`` produces: a data record whose bytes are in the caller's buffer,
    /// or word that another item is waiting. Small, so that it comes back in registers: an
    /// item inside it made every record's result a 48-byte copy through each layer.
    package enum RawItem: Sendable {
        /// A `tx`/`rx` record; its unescaped bytes are the first `count` bytes of the `payload`
        /// buffer passed in (which may be longer).
        case data(TraceDirection, time: TraceTime, redacted: Bool, count: Int)
        /// Any other item: ``takeItem()`` returns it.
        case item
    }

    /// What the line parser makes of a line: a data record as in ``RawItem``, or an item.
    enum ParsedLine: Sendable {
        case data(TraceDirection, time: TraceTime, redacted: Bool, count: Int)
        case item(Item)
    }

    /// The default longest line accepted: 4 MiB, room for a 1 MiB chunk of escaped binary.
    public static let defaultMaximumLineLength = 4 * 1024 * 1024

    /// The header as read so far; complete once the first record has been returned.
    public var header: TraceHeader { parser.header }

    /// The 1-based number of the last line read: the line of the record ``next()`` just
    /// returned, so that later stages can name it in their own diagnostics.
    public var lineNumber: Int { parser.lineNumber }

    private var buffer: [UInt8] = []
    private var lineStart = 0
    private var scanIndex = 0
    private var discardingLongLine = false
    private var finished = false
    private var parser = TraceLineParser()
    /// The item announced by the last `.item` from ``next(payload:)``.
    private var heldItem: Item?
    private let maximumLineLength: Int

    /// - Parameter maximumLineLength: longer lines are reported as ``TraceReadError/Kind/lineTooLong(_:)``
    ///   and skipped without being buffered whole.
    public init(maximumLineLength: Int = TraceReader.defaultMaximumLineLength) {
        self.maximumLineLength = max(maximumLineLength, 64)
    }

    /// Adds UTF-8 text (any chunking; a line may span calls).
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds text (any chunking; a line may span calls).
    public mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Marks the end of input, so that a last line without a terminator is read too.
    public mutating func finish() {
        finished = true
    }

    /// The next record or error, or `nil` when every complete line has been read.
    public mutating func next() -> Item? {
        var payload: [UInt8] = []
        switch next(payload: &payload) {
        case nil: return nil
        case .item: return takeItem()
        case .data(let direction, let time, let redacted, let count):
            return .record(TraceRecord(time: time, body: .data(direction, Array(payload[..<count]), redacted: redacted)))
        }
    }

    /// ``next()`` without a `TraceRecord` per data record: the bytes of a `tx`/`rx` record are
    /// unescaped into the start of `payload`, which only grows (with zeros) when a record needs
    /// more room, so a reader of a long trace reuses one buffer, written through a pointer,
    /// instead of allocating, emptying and appending to an array per record.
    package mutating func next(payload: inout [UInt8]) -> RawItem? {
        while true {
            if parser.hasQueued, let queued = parser.takeQueued() { return hold(queued) }
            if !discardingLongLine, let record = nextPlainDataRecord(payload: &payload) { return record }
            if let newline = buffer.withUnsafeBufferPointer({ Self.firstNewline(in: $0, from: scanIndex) }) {
                let lineEnd = newline
                let start = lineStart
                lineStart = newline + 1
                scanIndex = lineStart
                if discardingLongLine {
                    // The tail of a line already reported as too long.
                    discardingLongLine = false
                    continue
                }
                if lineEnd - start > maximumLineLength {
                    return hold(parser.lineTooLong(length: lineEnd - start, preview: buffer[start..<min(start + 200, lineEnd)]))
                }
                if let parsed = parser.parse(buffer[start..<lineEnd], payload: &payload) { return hold(parsed) }
                continue
            }
            scanIndex = buffer.count
            let pending = buffer.count - lineStart
            if discardingLongLine {
                lineStart = buffer.count
                compact()
                return nil
            }
            if pending > maximumLineLength {
                // Report now and drop the rest of the line as it arrives, so memory stays bounded.
                discardingLongLine = true
                let item = parser.lineTooLong(length: pending, preview: buffer[lineStart..<min(lineStart + 200, buffer.count)])
                lineStart = buffer.count
                compact()
                return hold(item)
            }
            if finished, pending > 0 {
                let start = lineStart
                lineStart = buffer.count
                if let parsed = parser.parse(buffer[start..<buffer.count], payload: &payload) { return hold(parsed) }
                continue
            }
            compact()
            return nil
        }
    }

    /// The item that the last ``next(payload:)`` announced with `.item`, once.
    package mutating func takeItem() -> Item? {
        defer { heldItem = nil }
        return heldItem
    }

    private mutating func hold(_ item: Item) -> RawItem {
        heldItem = item
        return .item
    }

    private mutating func hold(_ parsed: ParsedLine) -> RawItem {
        switch parsed {
        case .data(let direction, let time, let redacted, let count): .data(direction, time: time, redacted: redacted, count: count)
        case .item(let item): hold(item)
        }
    }

    /// The next line when it is the common record, `<time> tx|rx <payload>` (see
    /// ``TraceLineParser/plainDataRecord(_:payload:)``), read in one pass through the buffer's
    /// pointer: no slice, no copy of the line. `nil` leaves the reader as it was, for the
    /// general path to read whatever the line is (and to find that no line is complete yet).
    private mutating func nextPlainDataRecord(payload: inout [UInt8]) -> RawItem? {
        // The first line is the magic line.
        guard parser.lineNumber > 0 else { return nil }
        let (start, scan, limit) = (lineStart, scanIndex, maximumLineLength)
        let found = buffer.withUnsafeBufferPointer { bytes -> (TraceLineParser.PlainRecord, newline: Int)? in
            guard let newline = Self.firstNewline(in: bytes, from: scan), newline - start <= limit else { return nil }
            let end = newline > start && bytes[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
            guard let record = TraceLineParser.plainDataRecord(UnsafeBufferPointer(rebasing: bytes[start..<end]), payload: &payload) else {
                return nil
            }
            return (record, newline)
        }
        guard let (record, newline) = found else { return nil }
        lineStart = newline + 1
        scanIndex = lineStart
        parser.readPlainDataRecord()
        return .data(record.direction, time: record.time, redacted: false, count: record.count)
    }

    /// The index of the first LF at or after `start`, eight bytes at a time: in each 64-bit word
    /// XORed with LFs, a zero byte is an LF, and `(x - 0x01…) & ~x & 0x80…` sets the high bit of
    /// the lowest such byte exactly (a borrow can only mark bytes above it). Trace lines average
    /// about 45 bytes; the tail, under eight bytes, is scanned a byte at a time.
    private static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
                let found = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if found != 0 { return index &+ found.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < count {
            if bytes[index] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return nil
    }

    private mutating func compact() {
        if lineStart > 0, lineStart >= buffer.count / 2 {
            buffer.removeSubrange(0..<lineStart)
            scanIndex -= lineStart
            lineStart = 0
        }
    }
}
