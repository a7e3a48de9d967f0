import ModemKit

/// Gathers the URCs an ``ATClient`` publishes while a subcommand runs, in arrival order.
///
///     let urcs = URCCollector(client)
///     ... send commands ...
///     let early = await urcs.take()      // what arrived so far
///     await client.close()
///     let rest = await urcs.finish()     // everything left, once the client is closed
actor URCCollector {
    private var pending: [ATURC] = []
    private var all: [ATURC] = []
    private var ended = false
    private var endWaiters: [CheckedContinuation<Void, Never>] = []
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0

    private struct Waiter {
        var id: Int
        var condition: @Sendable ([ATURC]) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    /// Subscribes at once, so no URC published after this returns is missed.
    init(_ client: ATClient) {
        let stream = client.urcs()
        Task { await self.consume(stream) }
    }

    private func consume(_ stream: AsyncStream<ATURC>) async {
        for await urc in stream { received(urc) }
        ended = true
        for waiter in endWaiters { waiter.resume() }
        endWaiters = []
        for waiter in waiters { waiter.continuation.resume() }
        waiters = []
    }

    private func received(_ urc: ATURC) {
        pending.append(urc)
        all.append(urc)
        var remaining: [Waiter] = []
        for waiter in waiters {
            if waiter.condition(all) { waiter.continuation.resume() } else { remaining.append(waiter) }
        }
        waiters = remaining
    }

    /// The URCs received since the last call.
    func take() -> [ATURC] {
        defer { pending = [] }
        return pending
    }

    /// Every URC received so far.
    var received: [ATURC] { all }

    /// Waits until `condition` holds for the URCs received so far, or `timeout` has passed;
    /// returns whether it holds.
    @discardableResult
    func wait(within timeout: Duration, until condition: @escaping @Sendable ([ATURC]) -> Bool) async -> Bool {
        guard !ended, !condition(all) else { return condition(all) }
        let id = nextWaiterID
        nextWaiterID += 1
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.timedOut(id)
        }
        await withCheckedContinuation { waiters.append(Waiter(id: id, condition: condition, continuation: $0)) }
        timer.cancel()
        return condition(all)
    }

    private func timedOut(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume()
    }

    /// After the client is closed: waits for the stream to end and returns what was not taken.
    func finish() async -> [ATURC] {
        if !ended { await withCheckedContinuation { endWaiters.append($0) } }
        return take()
    }
}

extension ATURC {
    /// The URC as the modem printed it, following lines included.
    var text: String {
        ([line] + followingLines).joined(separator: "\n")
    }
}
