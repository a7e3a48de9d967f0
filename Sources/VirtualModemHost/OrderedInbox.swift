import Synchronization

/// Events from another thread (a socket performer's event loop) handed to an actor in the order
/// they happened. A `Task` per event would not do: tasks may run in any order, and two reads of
/// one server's bytes would reach the modem swapped.
///
///     performer thread:  if inbox.push(event) { Task { await actor.pump() } }   // at most one pump runs
///     actor:             func pump() { while case let batch = inbox.take(), !batch.isEmpty { ... } }
final class OrderedInbox<Event: Sendable>: Sendable {
    private let state = Mutex<(events: [Event], pumping: Bool)>(([], false))

    init() {}

    /// Queues `event`; `true` when no pump is running, and the caller must start one.
    func push(_ event: sending Event) -> Bool {
        state.withLock { state in
            state.events.append(event)
            defer { state.pumping = true }
            return !state.pumping
        }
    }

    /// Everything queued, oldest first. Empty means the queue ran dry and the pump must end: the
    /// next ``push(_:)`` asks for a new one.
    func take() -> [Event] {
        state.withLock { state in
            if state.events.isEmpty { state.pumping = false }
            defer { state.events.removeAll(keepingCapacity: true) }
            return state.events
        }
    }
}
