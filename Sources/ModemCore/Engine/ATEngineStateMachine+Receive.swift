import ATCodec

extension ATEngineStateMachine {
    /// The framer hint for what is being collected now.
    private var hint: FramingHint {
        if dataMode { return .data }
        if let pending = pendingURC, pending.payloadRemaining > 0 { return .payload(count: pending.payloadRemaining) }
        if let current = inFlight {
            if current.payloadRemaining > 0 { return .payload(count: current.payloadRemaining) }
            if current.awaitingPrompt { return .prompt }
        }
        return .lines
    }

    mutating func drainFramer(into actions: inout [Action]) {
        while let token = framer.next(expecting: hint) {
            switch token {
            case .data(let bytes):
                actions.append(.deliverData(Array(bytes)))
            case .payload(let bytes):
                receivePayload(bytes, into: &actions)
            case .prompt:
                receivePrompt(into: &actions)
            case .overflow(let discarded):
                actions.append(.notify(.overflow(discardedBytes: discarded)))
            case .line(let line):
                receiveLine(line, into: &actions)
            }
        }
    }

    private mutating func receivePayload(_ bytes: ArraySlice<UInt8>, into actions: inout [Action]) {
        if var pending = pendingURC, pending.payloadRemaining > 0 {
            pending.urc.payload = (pending.urc.payload ?? []) + bytes
            pending.payloadRemaining -= bytes.count
            pendingURC = pending
            if pending.payloadRemaining <= 0 { publishPendingURC(into: &actions) }
        } else if inFlight != nil, inFlight!.payloadRemaining > 0 {
            inFlight!.payloadBytes.append(contentsOf: bytes)
            inFlight!.payloadRemaining -= bytes.count
            if inFlight!.payloadRemaining <= 0 {
                let payload = inFlight!.payloadBytes
                inFlight!.payloadBytes = []
                if inFlight!.cancelled {
                    actions.append(.notify(.discardedAfterCancel(ATText.escaped(payload))))
                } else {
                    inFlight!.items.append(.payload(payload))
                }
            }
        }
    }

    private mutating func receivePrompt(into actions: inout [Action]) {
        guard var current = inFlight, current.awaitingPrompt else { return }
        current.awaitingPrompt = false
        inFlight = current
        if current.cancelled {
            actions.append(.write([0x1B])) // ESC: abandon the payload
        } else if let payload = current.submission.context.payloadEcho {
            actions.append(.write(payload))
        }
    }

    private mutating func receiveLine(_ line: ArraySlice<UInt8>, into actions: inout [Action]) {
        if var pending = pendingURC, pending.linesRemaining > 0 {
            pending.urc.followingLines.append(ATText.decode(line))
            pending.linesRemaining -= 1
            pendingURC = pending
            if pending.linesRemaining == 0, pending.payloadRemaining <= 0 { publishPendingURC(into: &actions) }
            return
        }
        switch classifier.classify(line, inFlight: inFlight?.submission.context) {
        case .final(let final):
            if inFlight != nil {
                finish(final, into: &actions)
            } else {
                actions.append(.notify(.strayFinal(final)))
            }
        case .echo:
            inFlight?.sawEcho = true
        case .information:
            // Mutated in place: a copy of `inFlight` would copy its items on every line.
            guard inFlight != nil else { return }
            if inFlight!.cancelled {
                actions.append(.notify(.discardedAfterCancel(ATText.decode(line))))
            } else {
                inFlight!.items.append(.line(ATText.decode(line)))
            }
            if let length = inFlight!.submission.context.payloadLength?(line), length > 0 {
                inFlight!.payloadRemaining = length
            }
        case .urc(let id):
            receiveURC(id, line: line, into: &actions)
        case .unknown:
            if case .resync(let attempt) = inFlight?.kind, Self.isResyncAnswer(line, attempt: attempt) {
                inFlight!.items.append(.line(ATText.decode(line)))   // the probe's register value
            } else {
                actions.append(.notify(.unknownLine(ATText.decode(line))))
            }
        }
    }

    private mutating func receiveURC(_ id: URCRegistry.ID, line: ArraySlice<UInt8>, into actions: inout [Action]) {
        let descriptor = classifier.urcs[id]
        let urc = URC(name: descriptor.name, line: ATText.decode(line), bootRole: descriptor.bootRole)
        let lines = max(0, descriptor.followingLines(line))
        let payload = max(0, descriptor.payloadLength(line) ?? 0)
        pendingURC = PendingURC(urc: urc, linesRemaining: lines, payloadRemaining: payload)
        if descriptor.bootRole == .powerOn {
            actions.append(.notify(.rebootDetected))
            failInFlightAfterReboot(into: &actions)
        }
        if lines == 0, payload == 0 { publishPendingURC(into: &actions) }
    }

    private mutating func publishPendingURC(into actions: inout [Action]) {
        guard let pending = pendingURC else { return }
        pendingURC = nil
        actions.append(.publishURC(pending.urc))
    }

    /// A modem that restarted will never answer the command it was given.
    private mutating func failInFlightAfterReboot(into actions: inout [Action]) {
        guard let current = inFlight else { return }
        inFlight = nil
        switch current.kind {
        case .user:
            actions.append(.cancelTimer(.command(current.submission.id)))
            if !current.cancelled {
                actions.append(.complete(id: current.submission.id, .failure(.modemRebooted)))
            }
        case .resync:
            actions.append(.cancelTimer(.resync))
            actions.append(.notify(.resynchronised(true)))
        }
        dispatchNext(into: &actions)
    }
}
