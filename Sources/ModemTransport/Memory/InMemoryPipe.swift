import ModemCore
import Synchronization

/// One direction of an in-memory pair: an unbounded byte queue with at most a few waiting
/// readers. Writers never wait; readers take everything queued at once.
final class InMemoryPipe: Sendable {
    private struct Reader {
        let id: UInt64
        let continuation: CheckedContinuation<Result<[UInt8], TransportError>, Never>
    }

    private struct State {
        var buffer: [UInt8] = []
        var readers: [Reader] = []
        /// The writing end closed: readers drain the buffer, then get `.closed`.
        var writerClosed = false
        /// The reading end closed: everything fails with `.closed` at once.
        var readerClosed = false
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Appends bytes, or hands them straight to a waiting reader.
    func write(_ bytes: [UInt8]) throws(TransportError) {
        guard !bytes.isEmpty else {
            if state.withLock({ $0.writerClosed || $0.readerClosed }) { throw .closed }
            return
        }
        let handoff = try state.withLock { (state: inout State) throws(TransportError) -> Reader? in
            guard !state.writerClosed, !state.readerClosed else { throw .closed }
            if state.readers.isEmpty {
                state.buffer.append(contentsOf: bytes)
                return nil
            }
            return state.readers.removeFirst()
        }
        handoff?.continuation.resume(returning: .success(bytes))
    }

    /// Everything queued, waiting for bytes if there are none.
    func read() async throws(TransportError) -> [UInt8] {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[UInt8], TransportError>, Never>) in
                let immediate = state.withLock { state -> Result<[UInt8], TransportError>? in
                    if state.readerClosed { return .failure(.closed) }
                    if !state.buffer.isEmpty {
                        var bytes: [UInt8] = []
                        swap(&bytes, &state.buffer)
                        return .success(bytes)
                    }
                    if state.writerClosed { return .failure(.closed) }
                    if Task.isCancelled { return .failure(POSIX.cancelled("read")) }
                    state.readers.append(Reader(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let reader = state.withLock { state -> Reader? in
                guard let index = state.readers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.readers.remove(at: index)
            }
            reader?.continuation.resume(returning: .failure(POSIX.cancelled("read")))
        }
        return try result.get()
    }

    /// The writing end is closing: queued bytes stay readable, then `.closed`.
    func closeWriter() {
        let readers = state.withLock { state -> [Reader] in
            state.writerClosed = true
            guard state.buffer.isEmpty else { return [] }
            defer { state.readers = [] }
            return state.readers
        }
        for reader in readers { reader.continuation.resume(returning: .failure(.closed)) }
    }

    /// The reading end is closing: queued bytes are dropped, everything fails from now on.
    func closeReader() {
        let readers = state.withLock { state -> [Reader] in
            state.readerClosed = true
            state.buffer = []
            defer { state.readers = [] }
            return state.readers
        }
        for reader in readers { reader.continuation.resume(returning: .failure(.closed)) }
    }
}
