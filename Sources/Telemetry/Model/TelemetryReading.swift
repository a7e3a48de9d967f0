/// One reading as the outbox holds it: a unique ID, when it entered the outbox, its place in the
/// queue, and the reading itself as one JSON value.
///
/// Every message that leaves carries the ID (see ``TelemetryEnvelope``), so a receiver that gets
/// a reading twice (delivery is at least once) can drop the copy.
public struct TelemetryReading: Sendable, Hashable {
    /// Unique across restarts and devices (a lowercase UUID); never reused.
    public var id: String
    /// When the reading entered the outbox, in milliseconds since 1970-01-01 UTC.
    public var enqueuedAt: Int64
    /// Its position in the outbox: readings go out in this order.
    public var sequence: Int64
    /// The reading: one valid JSON value, UTF-8.
    public var payload: [UInt8]

    public init(id: String, enqueuedAt: Int64, sequence: Int64, payload: [UInt8]) {
        self.id = id
        self.enqueuedAt = enqueuedAt
        self.sequence = sequence
        self.payload = payload
    }
}

/// The JSON a reading travels in: `{"id":"…","ts":<ms>,"data":<reading>}`, and a batch of them
/// as a JSON array.
///
///     TelemetryEnvelope.json(reading)
///     // {"id":"5f0c…","ts":1764112345123,"data":{"t":21.5}}
public enum TelemetryEnvelope {
    /// One reading wrapped with its ID and enqueue time. The ID is our own (hex and `-`), and the
    /// payload was validated when it entered the outbox, so nothing needs escaping.
    public static func json(_ reading: TelemetryReading) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(reading.payload.count + reading.id.utf8.count + 32)
        append(reading, to: &out)
        return out
    }

    /// Several readings as one JSON array, oldest first.
    public static func jsonArray(_ readings: some Collection<TelemetryReading>) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(readings.reduce(2) { $0 + $1.payload.count + $1.id.utf8.count + 33 })
        for (index, reading) in readings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(reading, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func append(_ reading: TelemetryReading, to out: inout [UInt8]) {
        out += Array(#"{"id":""#.utf8)
        out += Array(reading.id.utf8)
        out += Array(#"","ts":"#.utf8)
        out += Array(String(reading.enqueuedAt).utf8)
        out += Array(#","data":"#.utf8)
        out += reading.payload
        out.append(UInt8(ascii: "}"))
    }
}
