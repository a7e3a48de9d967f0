/// Splits modem output into tokens: lines, prompts, announced payloads and data-mode bytes.
///
/// Never blocks, never reads a clock, never traps on any input. Lines may end in CR LF, a lone
/// CR (the echo of a command, V.250 numeric results) or a lone LF. Memory is bounded: a line
/// longer than ``Limits/maxLineLength`` is dropped and reported as ``ATToken/overflow(discarded:)``.
///
///     var framer = ATFramer()
///     framer.append(Array("AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n".utf8))
///     framer.next(expecting: .lines)   // .line("AT+CSQ")
///     framer.next(expecting: .lines)   // .line("+CSQ: 21,99")
///     framer.next(expecting: .lines)   // .line("OK")
///     framer.next(expecting: .lines)   // nil: wait for more bytes
///
/// Call ``next(expecting:)`` until it returns `nil` after every ``append(_:)``; tokens share the
/// buffer, so use them (or copy them) before appending again. ``nextRange(expecting:)`` returns
/// the same tokens as ranges of the buffer, which cost no reference counting: the engine's path.
public struct ATFramer: Sendable {
    /// Bounds on what the framer holds.
    public struct Limits: Sendable, Equatable {
        /// The longest line kept; longer lines are dropped and reported. Default 8 KiB, which
        /// holds the longest `+CMGL` PDU line and `+COPS=?` lists seen in practice.
        public var maxLineLength: Int
        public init(maxLineLength: Int = 8192) {
            self.maxLineLength = max(16, maxLineLength)
        }
    }

    public let limits: Limits
    @usableFromInline var buffer: [UInt8] = []
    @usableFromInline var head = 0
    /// Bytes of the current partial line already scanned for a terminator.
    @usableFromInline var scanned = 0
    /// The last line ended in CR at the end of the buffer: one LF may still belong to it.
    @usableFromInline var pendingLF = false
    /// A prompt was returned: one space may still belong to it.
    @usableFromInline var pendingSpace = false
    /// Dropping an oversized line until the next terminator.
    @usableFromInline var discarding = false
    @usableFromInline var discardedCount = 0

    @inlinable
    public init(limits: Limits = Limits()) {
        self.limits = limits
        buffer.reserveCapacity(4096)
    }

    /// Bytes appended but not yet returned as tokens.
    @inlinable
    public var bufferedCount: Int { buffer.count - head }

    /// Appends bytes read from the modem.
    @inlinable
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes from raw memory (the fast path for transports and benchmarks).
    @inlinable
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops whatever is buffered (after a reboot or a resync) and returns how many bytes were dropped.
    @discardableResult
    public mutating func reset() -> Int {
        let dropped = buffer.count - head
        buffer.removeAll(keepingCapacity: true)
        head = 0
        scanned = 0
        pendingLF = false
        pendingSpace = false
        discarding = false
        discardedCount = 0
        return dropped
    }

    /// Returns the next complete token, or `nil` when more bytes are needed.
    ///
    /// The token's slices share the buffer (each holds a reference to it); a caller that only
    /// looks at each token before asking for the next one saves that reference counting with
    /// ``nextRange(expecting:)``.
    @inlinable
    public mutating func next(expecting hint: FramingHint = .lines) -> ATToken? {
        guard let range = nextRange(expecting: hint) else { return nil }
        return token(range)
    }

    /// Returns where the next complete token lies in the buffer, or `nil` when more bytes are
    /// needed: the same tokens as ``next(expecting:)``, as plain ranges, valid until the next
    /// `append(_:)` or ``reset()``.
    @inlinable
    public mutating func nextRange(expecting hint: FramingHint = .lines) -> ATTokenRange? {
        if pendingLF || pendingSpace {
            guard head < buffer.count else { return nil }
            if pendingLF, buffer[head] == ATByte.lf { head += 1 }
            else if pendingSpace, buffer[head] == ATByte.space { head += 1 }
            pendingLF = false
            pendingSpace = false
            scanned = head
        }
        guard head < buffer.count else { return nil }
        switch hint {
        case .data:
            let range = head..<buffer.count
            head = buffer.count
            scanned = head
            return .data(range)
        case .payload(let count):
            guard count > 0 else { return .payload(head..<head) }
            let end = min(buffer.count, head + count)
            let range = head..<end
            head = end
            scanned = head
            return .payload(range)
        case .lines, .prompt:
            return nextLine(promptAllowed: hint == .prompt)
        }
    }

    /// The token a range stands for, with slices of the buffer.
    @inlinable
    public func token(_ range: ATTokenRange) -> ATToken {
        switch range {
        case .line(let bytes): .line(buffer[bytes])
        case .prompt(let byte): .prompt(byte)
        case .payload(let bytes): .payload(buffer[bytes])
        case .data(let bytes): .data(buffer[bytes])
        case .overflow(let discarded): .overflow(discarded: discarded)
        }
    }

    /// The bytes of a range from ``nextRange(expecting:)`` as a slice of the buffer, for a
    /// caller that keeps them (or copies them with `Array(_:)`).
    @inlinable
    public func bytes(in range: Range<Int>) -> ArraySlice<UInt8> {
        buffer[range]
    }

    /// Calls `body` with the bytes of a range from ``nextRange(expecting:)``, read in place.
    /// The pointer is valid only inside `body`.
    @inlinable
    public func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "range outside the framer's buffer")
        return try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    @inlinable
    mutating func nextLine(promptAllowed: Bool) -> ATTokenRange? {
        if discarding { return continueDiscarding() }
        // One pass over borrowed bytes: skip empty lines (and the LF of a CR LF pair split
        // across chunks), spot a prompt, find the terminator.
        let count = buffer.count
        let scan: (start: Int, terminator: Int?, prompt: UInt8?) = buffer.withUnsafeBufferPointer { bytes in
            var start = head
            while start < count, bytes[start] == ATByte.cr || bytes[start] == ATByte.lf { start += 1 }
            guard start < count else { return (start, nil, nil) }
            if promptAllowed, bytes[start] == ATByte.greaterThan || bytes[start] == ATByte.at {
                return (start, nil, bytes[start])
            }
            return (start, ATFramer.firstTerminator(in: bytes, from: max(scanned, start)), nil)
        }
        head = scan.start
        guard head < count else {
            scanned = head
            return nil
        }
        if let prompt = scan.prompt {
            head += 1
            if head < count {
                if buffer[head] == ATByte.space { head += 1 }
            } else {
                pendingSpace = true
            }
            scanned = head
            return .prompt(prompt)
        }
        guard let end = scan.terminator else {
            scanned = count
            if count - head > limits.maxLineLength {
                discarding = true
                discardedCount = count - head
                head = count
            }
            return nil
        }
        let line = head..<end
        consumeTerminator(at: end)
        if line.count > limits.maxLineLength {
            return .overflow(discarded: line.count)
        }
        return .line(line)
    }

    /// The index of the first CR or LF at or after `start`, sixteen bytes at a time: the lanes
    /// of a vector that equal CR or LF become 0xFF, and the lowest such lane is found from the
    /// vector's two 64-bit halves. The tail (under sixteen bytes) is scanned a byte at a time.
    @inlinable @inline(__always)
    static func firstTerminator(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let cr = SIMD16<UInt8>(repeating: ATByte.cr)
            let lf = SIMD16<UInt8>(repeating: ATByte.lf)
            while index &+ 16 <= count {
                let vector = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                let hits = SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: (vector .== cr) .| (vector .== lf))
                let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
                let low = UInt64(littleEndian: halves[0])
                let high = UInt64(littleEndian: halves[1])
                if low | high != 0 {
                    return index &+ (low != 0 ? low.trailingZeroBitCount >> 3 : 8 &+ high.trailingZeroBitCount >> 3)
                }
                index &+= 16
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == ATByte.cr || byte == ATByte.lf { return index }
            index += 1
        }
        return nil
    }

    @inlinable
    mutating func continueDiscarding() -> ATTokenRange? {
        let count = buffer.count
        var index = head
        while index < count, buffer[index] != ATByte.cr, buffer[index] != ATByte.lf { index += 1 }
        discardedCount += index - head
        guard index < count else {
            head = count
            scanned = count
            return nil
        }
        consumeTerminator(at: index)
        discarding = false
        defer { discardedCount = 0 }
        return .overflow(discarded: discardedCount)
    }

    @inlinable @inline(__always)
    mutating func consumeTerminator(at index: Int) {
        head = index + 1
        if buffer[index] == ATByte.cr {
            if head < buffer.count {
                if buffer[head] == ATByte.lf { head += 1 }
            } else {
                pendingLF = true
            }
        }
        scanned = head
    }

    @inlinable
    mutating func compact() {
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            scanned -= head
            head = 0
        } else if head >= 4096, head * 2 >= buffer.count {
            buffer.removeSubrange(0..<head)
            scanned -= head
            head = 0
        }
    }
}

/// Byte values the codec looks for.
@usableFromInline
enum ATByte {
    @inlinable static var lf: UInt8 { 0x0A }
    @inlinable static var cr: UInt8 { 0x0D }
    @inlinable static var space: UInt8 { 0x20 }
    @inlinable static var quote: UInt8 { 0x22 }
    @inlinable static var comma: UInt8 { 0x2C }
    @inlinable static var colon: UInt8 { 0x3A }
    @inlinable static var greaterThan: UInt8 { 0x3E }
    @inlinable static var at: UInt8 { 0x40 }
    @inlinable static var ctrlZ: UInt8 { 0x1A }
    @inlinable static var escape: UInt8 { 0x1B }
}
