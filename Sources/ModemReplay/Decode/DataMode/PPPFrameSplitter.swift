/// Splits one direction of a PPP data session into frames: RFC 1662 HDLC-like framing.
///
/// Frames lie between `0x7E` flags; `0x7D` escapes the next byte (XOR `0x20`); the last two
/// bytes are the FCS-16 of the rest, least significant byte first. Pure and incremental: bytes
/// may come in any chunking, and a frame is bounded (longer ones are cut and reported).
///
/// ```swift
/// var splitter = PPPFrameSplitter()
/// splitter.append([0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x09, ...])   // an LCP Echo-Request
/// while let frame = splitter.next() { print(frame.fcsValid, frame.bytes) }
/// ```
public struct PPPFrameSplitter: Sendable {
    /// A frame as it came off the line: unescaped, FCS removed and checked.
    public struct Frame: Sendable, Hashable {
        /// Address, control, protocol and information, without the FCS.
        public var bytes: [UInt8]
        /// Whether the FCS matched; `false` also for a frame too short to hold one.
        public var fcsValid: Bool
        /// The frame ended in an abort sequence (`0x7D 0x7E`) or was longer than the limit.
        public var aborted: Bool
    }

    /// The longest frame kept (unescaped); the default MRU of 1500 leaves a lot of room.
    public let maximumFrameLength: Int
    private var current: [UInt8] = []
    private var escaping = false
    private var tooLong = false
    private var ready: [Frame] = []
    private var readyIndex = 0

    public init(maximumFrameLength: Int = 4096) {
        self.maximumFrameLength = max(maximumFrameLength, 8)
    }

    /// Adds bytes of the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readyIndex > 0, readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
        }
        for byte in bytes {
            switch byte {
            case 0x7E:
                endFrame(aborted: escaping)
            case 0x7D:
                escaping = true
            default:
                let value = escaping ? byte ^ 0x20 : byte
                escaping = false
                if current.count < maximumFrameLength {
                    current.append(value)
                } else {
                    tooLong = true
                }
            }
        }
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    public mutating func next() -> Frame? {
        guard readyIndex < ready.count else { return nil }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Bytes after the last flag, not yet a frame (at the end of a session: a cut frame).
    public var pendingCount: Int { current.count }

    private mutating func endFrame(aborted: Bool) {
        defer {
            current.removeAll(keepingCapacity: true)
            escaping = false
            tooLong = false
        }
        // Back-to-back flags (the closing flag of one frame opening the next) make no frame.
        guard !current.isEmpty || aborted else { return }
        let valid = !aborted && !tooLong && current.count >= 3 && PPPFCS.check(current)
        let kept = current.count >= 2 ? Array(current.dropLast(2)) : current
        ready.append(Frame(bytes: kept, fcsValid: valid, aborted: aborted || tooLong))
    }
}

/// The 16-bit frame check sequence of RFC 1662 §C.2 (CRC-CCITT, reflected, preset `0xFFFF`).
public enum PPPFCS {
    /// A frame with its FCS appended sums to this.
    public static let goodResidue: UInt16 = 0xF0B8

    static let table: [UInt16] = (0..<256).map { index in
        var value = UInt16(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0x8408 : value >> 1 }
        return value
    }

    /// The running FCS over `bytes`, from `start`.
    public static func update(_ start: UInt16 = 0xFFFF, _ bytes: some Sequence<UInt8>) -> UInt16 {
        var fcs = start
        for byte in bytes { fcs = (fcs >> 8) ^ table[Int((fcs ^ UInt16(byte)) & 0xFF)] }
        return fcs
    }

    /// The two FCS bytes to append to `bytes` (least significant first).
    public static func trailer(for bytes: some Sequence<UInt8>) -> [UInt8] {
        let fcs = update(0xFFFF, bytes) ^ 0xFFFF
        return [UInt8(fcs & 0xFF), UInt8(fcs >> 8)]
    }

    /// Whether `frame` (FCS included) checks.
    public static func check(_ frame: some Sequence<UInt8>) -> Bool {
        update(0xFFFF, frame) == goodResidue
    }
}
