import Telemetry

enum Readings {
    /// `count` readings with UUID-like IDs and small JSON payloads.
    static func make(_ count: Int, from first: Int = 0, payload: (Int) -> String = { #"{"t":\#($0)}"# }) -> [TelemetryReading] {
        (first..<(first + count)).map { n in
            let hex = String(n, radix: 16)
            let id = String(repeating: "0", count: 8 - min(8, hex.count)) + hex + "-8a51-4a47-9d43-3d8f0f2c9e10"
            return TelemetryReading(id: id, enqueuedAt: 1_764_112_345_000 + Int64(n), sequence: Int64(n), payload: Array(payload(n).utf8))
        }
    }
}
