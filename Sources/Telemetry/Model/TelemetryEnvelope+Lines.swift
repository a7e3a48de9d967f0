/// Envelopes as lines (newline-delimited JSON), for byte streams and datagrams.
extension TelemetryEnvelope {
    /// One envelope on one line: compact JSON (no whitespace, control characters escaped, so no
    /// newline inside) and `\n`.
    ///
    ///     TelemetryEnvelope.line(reading)   // {"id":"5f0c…","ts":1764112345123,"data":{"t":21.5}}\n
    public static func line(_ reading: TelemetryReading) -> [UInt8] {
        Array(CompactJSON.text(json(reading)) { _ in false }.utf8) + [0x0A]
    }

    /// Readings packed, in order, into packets of whole lines of at most `maxBytes` each (one
    /// line per packet when `several` is false). A line longer than `maxBytes` is reported in
    /// `oversize` and goes in no packet, or, with `oversizeAlone` (a byte stream has no size
    /// limit), in a packet of its own.
    ///
    ///     packLines([a, b, c], maxBytes: 512)   // packets [[a, b], [c]] when c no longer fits
    public static func packLines(
        _ readings: [TelemetryReading], maxBytes: Int, several: Bool = true, oversizeAlone: Bool = false
    ) -> LinePacking {
        var packing = LinePacking()
        var current = LinePacking.Packet()
        for reading in readings {
            let line = line(reading)
            guard line.count <= maxBytes || oversizeAlone else {
                packing.oversize.append(.init(id: reading.id, bytes: line.count))
                continue
            }
            if !current.ids.isEmpty, !several || current.bytes.count + line.count > maxBytes {
                packing.packets.append(current)
                current = LinePacking.Packet()
            }
            current.ids.append(reading.id)
            current.bytes += line
        }
        if !current.ids.isEmpty { packing.packets.append(current) }
        return packing
    }
}

/// Lines packed into packets by ``TelemetryEnvelope/packLines(_:maxBytes:)``.
public struct LinePacking: Sendable, Hashable {
    public struct Packet: Sendable, Hashable {
        /// The readings in this packet, in order.
        public var ids: [String] = []
        /// Their lines, each ending in `\n`.
        public var bytes: [UInt8] = []
    }

    public struct Oversize: Sendable, Hashable {
        public var id: String
        /// The size of its line.
        public var bytes: Int

        public init(id: String, bytes: Int) {
            self.id = id
            self.bytes = bytes
        }
    }

    public var packets: [Packet] = []
    public var oversize: [Oversize] = []
}
