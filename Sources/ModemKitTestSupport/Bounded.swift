/// Thrown when an awaited event does not happen within its bound.
public struct TimedOut: Error, CustomStringConvertible {
    public let limit: Duration
    public init(limit: Duration) { self.limit = limit }
    public var description: String { "timed out after \(limit)" }
}

/// Runs `body`, failing with ``TimedOut`` if it has not finished within `limit`; the body is
/// cancelled then. A bound on a real pty, socket or process, not a sleep: the caller goes on
/// as soon as the body finishes. (The body must end when cancelled, or the bound waits for it.)
///
///     let line = try await bounded(.seconds(5)) { try await transport.read() }
public func bounded<T: Sendable>(
    _ limit: Duration = .seconds(20), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimedOut(limit: limit) }
        return value
    }
}
