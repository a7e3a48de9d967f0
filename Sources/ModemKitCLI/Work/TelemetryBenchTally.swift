import Synchronization

/// What a `telemetry bench` receiver has taken in: the distinct reading IDs found in the
/// envelopes that arrived, so copies made by at-least-once delivery count once.
///
///     tally.record(Array(#"{"id":"5f0c…","ts":1764112345123,"data":{"n":1}}\n"#.utf8))
///     tally.count        // 1
///     await tally.wait(for: 1000, within: .seconds(60))   // the count then
final class TelemetryBenchTally: Sendable {
    private let ids = Mutex(Set<String>())

    /// Records the IDs of the whole envelopes in `bytes` (a line, a datagram, an HTTP body, an
    /// MQTT payload): whatever follows each `{"id":"` up to the next quote.
    func record(_ bytes: [UInt8]) {
        let found = Self.envelopeIDs(in: bytes)
        guard !found.isEmpty else { return }
        ids.withLock { $0.formUnion(found) }
    }

    /// Distinct readings so far.
    var count: Int { ids.withLock { $0.count } }

    /// Forgets everything, for the next run.
    func reset() {
        ids.withLock { $0.removeAll(keepingCapacity: true) }
    }

    /// Waits until `target` distinct readings have arrived or `bound` has passed, looking every
    /// millisecond; returns the count then.
    func wait(for target: Int, within bound: Duration) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: bound)
        while true {
            let now = count
            if now >= target || clock.now >= deadline { return now }
            try? await clock.sleep(for: .milliseconds(1))
        }
    }

    private static let marker = Array(#"{"id":""#.utf8)

    /// The IDs of the envelopes (``Telemetry/TelemetryEnvelope``) in `bytes`, in order.
    static func envelopeIDs(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        var index = 0
        let last = bytes.count - marker.count
        while index <= last {
            guard bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) else {
                index += 1
                continue
            }
            let start = index + marker.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            found.append(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end + 1
        }
        return found
    }
}
