import Telemetry

/// Why the outbox refused or failed, with what it was doing and where.
///
///     do { try outbox.enqueue(Array("{\"t\":".utf8)) }
///     catch { print(error) }   // reading refused: byte 5: unexpected end, expected a value
public enum OutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The payload at `index` of the batch (0 for a single enqueue) is not a valid reading;
    /// nothing of the batch was enqueued.
    case invalidReading(index: Int, ReadingError)
    /// The outbox holds `capacity` readings and its policy is ``OutboxConfiguration/FullPolicy/refuseNew``;
    /// nothing of the batch was enqueued.
    case full(capacity: Int)
    /// A batch of `count` readings can never fit in an outbox of `capacity`.
    case batchLargerThanCapacity(count: Int, capacity: Int)
    /// SQLite failed while `operation` ran on the database at `path`.
    case database(operation: String, path: String, message: String)

    public var description: String {
        switch self {
        case .invalidReading(let index, let error): "reading \(index) refused: \(error)"
        case .full(let capacity): "outbox full (\(capacity) readings) and set to refuse new readings"
        case .batchLargerThanCapacity(let count, let capacity): "a batch of \(count) readings cannot fit in an outbox of \(capacity)"
        case .database(let operation, let path, let message): "\(operation) on \(path) failed: \(message)"
        }
    }
}
