import Synchronization

/// Fans values out to any number of subscribers, each with its own bounded `AsyncStream`.
///
/// A slow subscriber loses its oldest values, never blocks the engine, and the losses are
/// counted. Subscribing is synchronous, so a subscription made before a command is sent cannot
/// miss what that command causes.
final class Broadcaster<Element: Sendable>: Sendable {
    private struct Subscriber {
        var filter: (@Sendable (Element) -> Bool)?
        var continuation: AsyncStream<Element>.Continuation
    }

    private struct State {
        var nextID = 0
        var subscribers: [Int: Subscriber] = [:]
        var finished = false
        var dropped = 0
    }

    private let state = Mutex(State())

    /// Values dropped because a subscriber's buffer was full, over all subscribers.
    var droppedCount: Int { state.withLock { $0.dropped } }

    func subscribe(bufferingNewest limit: Int, filter: (@Sendable (Element) -> Bool)? = nil) -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .bufferingNewest(max(1, limit)))
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(filter: filter, continuation: continuation)
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ element: Element) {
        let targets = state.withLock { state in state.subscribers.values.filter { $0.filter?(element) ?? true } }
        var dropped = 0
        for target in targets {
            if case .dropped = target.continuation.yield(element) { dropped += 1 }
        }
        if dropped > 0 { state.withLock { $0.dropped += dropped } }
    }

    func finish() {
        let targets = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for target in targets { target.continuation.finish() }
    }
}
