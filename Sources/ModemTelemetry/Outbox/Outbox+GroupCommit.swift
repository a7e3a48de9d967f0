import Foundation
import Telemetry

extension Outbox {
    /// Enqueues one reading like ``enqueue(_:)``, but shares its transaction with every other
    /// `enqueueGrouped` call waiting at the same time (group commit): the first caller's commit
    /// starts at once, and whoever arrives during it goes into the next one, up to 1 000
    /// readings a commit. Returns once the reading is committed, with the same guarantee as
    /// ``enqueue(_:)`` (see ``OutboxConfiguration/Durability``): with `.full`, one fsync covers a
    /// whole group, which is how many producers together pass 20 000 readings/s on a disk that
    /// does a few hundred fsyncs a second.
    ///
    ///     try await withThrowingTaskGroup(of: Void.self) { tasks in
    ///         for meter in meters {
    ///             tasks.addTask { for try await sample in meter.samples { try await outbox.enqueueGrouped(sample) } }
    ///         }
    ///     }
    ///
    /// A lone caller gains nothing (its group holds one reading); use ``enqueue(batch:)`` when
    /// one producer has many readings at hand. The reading's time is when its group commits.
    /// Cancelling the caller does not withdraw the reading: it is committed all the same.
    public func enqueueGrouped(_ payload: [UInt8]) async throws(OutboxError) -> TelemetryReading {
        do { try configuration.validator.validate(payload) } catch { throw .invalidReading(index: 0, error) }
        let id = configuration.makeID()
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let start = group.withLock { state -> Bool in
                    state.waiting.append(GroupCommit.Waiter(payload: payload, id: id, continuation: continuation))
                    if state.committing { return false }
                    state.committing = true
                    return true
                }
                if start { committer.async { self.commitGroups() } }
            }
        } catch let error as OutboxError {
            throw error
        } catch {
            throw Self.failure("enqueue", path, error)
        }
    }

    /// Commits the waiting callers group by group until none wait.
    func commitGroups() {
        let largest = min(1_000, configuration.capacity)
        while true {
            let batch = group.withLock { state -> [GroupCommit.Waiter] in
                guard !state.waiting.isEmpty else {
                    state.committing = false
                    return []
                }
                let batch = Array(state.waiting.prefix(largest))
                state.waiting.removeFirst(batch.count)
                return batch
            }
            if batch.isEmpty { return }
            do {
                let accepted = try insert(batch.map(\.payload), ids: batch.map(\.id), allOrNothing: false)
                for (index, waiter) in batch.enumerated() {
                    if index < accepted.count {
                        waiter.continuation.resume(returning: accepted[index])
                    } else {
                        waiter.continuation.resume(throwing: OutboxError.full(capacity: configuration.capacity))
                    }
                }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}

/// The callers of ``Outbox/enqueueGrouped(_:)`` waiting for a commit, and whether one runs.
struct GroupCommit: Sendable {
    struct Waiter: Sendable {
        var payload: [UInt8]
        var id: String
        var continuation: CheckedContinuation<TelemetryReading, any Error>
    }

    var waiting: [Waiter] = []
    var committing = false
}
