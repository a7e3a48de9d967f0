import Synchronization

/// What a socket received and its consumer has not taken yet, with backpressure: the service
/// stops issuing reads (`AT+QIRD`, `AT+CIPRXGET=2`, `AT+USORD`) while more than ``limit``
/// bytes wait here, and ``onRoom`` restarts it once the consumer has taken them down to half.
///
///     drain loop:  hasRoom? → read → yield(bytes)        (stops when !hasRoom; the modem keeps the rest)
///     consumer:    for await chunk in stream { ... }     (below limit / 2 again → onRoom → drain)
final class SocketReceiveBuffer: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var buffered = 0
        var finished = false
        var waiter: CheckedContinuation<[UInt8]?, Never>?
        /// The drain loop stopped for want of room and waits for ``onRoom``.
        var stalled = false
    }

    /// Bytes held before reads stop.
    let limit: Int
    private let state = Mutex(State())
    private let onRoom: @Sendable () -> Void

    init(limit: Int, onRoom: @escaping @Sendable () -> Void) {
        self.limit = max(1, limit)
        self.onRoom = onRoom
    }

    /// Whether another read may run now; when not, the buffer remembers to call ``onRoom``.
    func hasRoom() -> Bool {
        state.withLock { state in
            if state.buffered < limit { return true }
            state.stalled = true
            return false
        }
    }

    /// Bytes waiting for the consumer.
    var bufferedBytes: Int { state.withLock { $0.buffered } }

    func yield(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, Never>? in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.chunks.append(bytes)
            state.buffered += bytes.count
            return nil
        }
        waiter?.resume(returning: bytes)
    }

    /// No more bytes will come; what is buffered is still delivered, then the stream ends.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The consumer's side: chunks in order, `nil` once finished and empty (or cancelled).
    var stream: AsyncStream<[UInt8]> {
        AsyncStream(unfolding: { await self.next() }, onCancel: { self.finish() })
    }

    private func next() async -> [UInt8]? {
        let (chunk, wakeDrain) = state.withLock { state -> ([UInt8]?, Bool) in
            guard !state.chunks.isEmpty else { return (nil, false) }
            let chunk = state.chunks.removeFirst()
            state.buffered -= chunk.count
            let wake = state.stalled && state.buffered <= limit / 2
            if wake { state.stalled = false }
            return (chunk, wake)
        }
        if wakeDrain { onRoom() }
        if let chunk { return chunk }
        return await withCheckedContinuation { continuation in
            let immediate: [UInt8]?? = state.withLock { state in
                if !state.chunks.isEmpty {
                    let chunk = state.chunks.removeFirst()
                    state.buffered -= chunk.count
                    return .some(chunk)
                }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if case .some(let value) = immediate { continuation.resume(returning: value) }
        }
    }
}
