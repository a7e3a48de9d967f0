import ATCodec
import Logging
import ModemCore

extension ATClient {
    func received(_ bytes: [UInt8]) {
        if logger.logLevel <= .trace {
            // The modem echoes what it was sent, and an echo may be cut anywhere: while a
            // command carrying a secret is in flight, only the size of what arrives is logged.
            let shown = secretInFlight ? "<\(bytes.count) bytes withheld: a secret is in flight>" : ATText.escaped(ATRedactor.redact(bytes).bytes)
            logger.trace("rx", metadata: ["bytes": "\(shown)", "transport": "\(transportName)"])
        }
        apply(machine.handle(.bytesReceived(bytes)))
        // Writes caused by what was read (the next queued command, a prompt's payload) go out
        // from their own task, so the read loop never waits on a write (no deadlock when both
        // sides send at once).
        if !pendingWrites.isEmpty, !isWriting {
            Task { await self.flushWrites() }
        }
    }

    /// Writes what is pending, in order. One caller drains at a time; others only enqueue.
    func flushWrites() async {
        guard !isWriting else { return }
        isWriting = true
        defer { isWriting = false }
        while !pendingWrites.isEmpty, !isClosed {
            let chunk = pendingWrites.removeFirst()
            do {
                try await transport.write(chunk)
            } catch {
                transportEnded()
                return
            }
        }
    }

    func apply(_ actions: [ATEngineStateMachine.Action]) {
        for action in actions {
            switch action {
            case .write(let bytes):
                if logger.logLevel <= .trace {
                    let redaction = ATRedactor.redact(bytes)
                    if redaction.redacted { secretInFlight = true }
                    logger.trace("tx", metadata: ["bytes": "\(ATText.escaped(redaction.bytes))", "transport": "\(transportName)"])
                }
                pendingWrites.append(bytes)
            case .startTimer(let id, let duration):
                startTimer(id, after: duration)
            case .cancelTimer(let id):
                if coalescedTimers != nil { coalescedTimers?.cancel(id) } else { timers.cancel(id) }
            case .complete(let id, let outcome):
                secretInFlight = false
                if let waiter = waiters.removeValue(forKey: id) {
                    waiter.resume(returning: outcome)
                } else {
                    earlyOutcomes[id] = outcome
                }
            case .publishURC(let urc):
                urcHub.publish(urc)
            case .notify(let notice):
                if case .unknownLine(let line) = notice {
                    logger.debug("unclaimed line", metadata: ["line": "\(ATText.escaped(line.utf8))"])
                }
                eventHub.publish(ATClientEvent(notice))
            case .deliverData(let bytes):
                dataHub.publish(bytes)
            }
        }
    }

    private func startTimer(_ id: ATEngineStateMachine.TimerID, after duration: Duration) {
        if coalescedTimers != nil {
            coalescedTimers?.start(id, after: duration) { [weak self] in await self?.sweepTimers() }
            return
        }
        timers.start(id, after: duration, on: clock) { [weak self] id, generation in
            await self?.timerFired(id, generation: generation)
        }
    }

    /// The coalesced timers' task woke at a deadline: fires what has expired.
    private func sweepTimers() async {
        guard var coalesced = coalescedTimers else { return }
        let expired = coalesced.takeExpired(now: coalesced.now) { [weak self] in await self?.sweepTimers() }
        coalescedTimers = coalesced
        guard !expired.isEmpty, !isClosed else { return }
        for id in expired { apply(machine.handle(.timerFired(id))) }
        await flushWrites()
    }

    private func timerFired(_ id: ATEngineStateMachine.TimerID, generation: Int) async {
        guard timers.claim(id, generation: generation) else { return }
        apply(machine.handle(.timerFired(id)))
        await flushWrites()
    }

    nonisolated var transportName: String { transport.descriptionForLog }

    /// The first value of `stream`, or `nil` when `timeout` passes first or the stream ends.
    static func first<Element: Sendable>(
        of stream: AsyncStream<Element>, within timeout: Duration, on clock: any Clock<Duration>
    ) async -> Element? {
        await withTaskGroup(of: Element?.self) { group in
            group.addTask {
                for await element in stream { return element }
                return nil
            }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
