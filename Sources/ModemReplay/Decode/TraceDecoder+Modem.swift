import ATCodec
import ModemTrace

extension TraceDecoder {
    /// Takes every token the framer can give for the bytes read so far.
    mutating func drainFramer(into events: inout some DecodedEventSink) {
        while let token = framer.next(expecting: hint) {
            switch token {
            case .line(let bytes):
                modemLine(bytes, into: &events)
            case .prompt:
                if pending != nil { transaction.prompted = true }
            case .data(let bytes):
                dataRead(bytes, into: &events)
            case .payload(let bytes):
                guard var urc = pendingURC else { continue }
                urc.urc.payload = (urc.urc.payload ?? []) + bytes
                urc.bytesLeft -= bytes.count
                pendingURC = urc
                if urc.bytesLeft <= 0, urc.linesLeft <= 0 {
                    pendingURC = nil
                    deliver(urc.urc, powerOn: urc.powerOn, into: &events)
                }
            case .overflow(let discarded):
                events.append(.problem(DecodeProblem(
                    line: line, message: "a line of \(discarded) bytes from the modem is longer than the framer's limit; dropped")))
            }
        }
    }

    private var hint: FramingHint {
        if dataMode != nil { return .data }
        // Optional chaining, not `if let`: a binding would copy (retain) the whole value per token.
        if let bytesLeft = pendingURC?.bytesLeft, bytesLeft > 0, pendingURC?.linesLeft ?? 0 <= 0 { return .payload(count: bytesLeft) }
        if pending?.shape.expectsPrompt == true, !transaction.prompted { return .prompt }
        return .lines
    }

    private mutating func modemLine(_ bytes: ArraySlice<UInt8>, into events: inout some DecodedEventSink) {
        // Optional chaining, not `if var`: a binding would copy (retain) the URC for every line.
        if pendingURC?.linesLeft ?? 0 > 0 {
            pendingURC!.urc.following.append(Self.text(bytes))
            pendingURC!.linesLeft -= 1
            if pendingURC!.linesLeft == 0, pendingURC!.bytesLeft <= 0 {
                let urc = pendingURC.take()!
                deliver(urc.urc, powerOn: urc.powerOn, into: &events)
            }
            return
        }
        switch classifier.classify(bytes, inFlight: pending?.shape.context) {
        case .final(let final):
            if pending != nil {
                let command = transaction.command
                complete(with: final, into: &events)
                if Self.startsDataMode(final) { enterDataMode(command: command, connect: final) }
            } else if Self.startsDataMode(final) {
                enterDataMode(command: nil, connect: final)
            } else {
                events.append(.unexpectedLine(DecodedLine(
                    text: Self.text(bytes), line: line, time: time, reason: "final result with no command in flight")))
            }
        case .echo:
            if pending != nil { transaction.echoed = true }
        case .information:
            information(Self.text(bytes))
        case .urc(let id):
            let descriptor = classifier.urcs[id]
            let urc = DecodedURC(
                name: descriptor.name, text: Self.text(bytes), following: [], payload: nil, line: line, time: time,
                during: pending != nil ? transaction.command : nil, observations: [])
            let lines = descriptor.followingLines(bytes)
            let payload = descriptor.payloadLength(bytes) ?? 0
            let powerOn = descriptor.bootRole == .powerOn
            if lines > 0 || payload > 0 {
                pendingURC = PendingURC(urc: urc, linesLeft: lines, bytesLeft: payload, powerOn: powerOn)
            } else {
                if powerOn { restarted(into: &events) }
                deliver(urc, powerOn: powerOn, into: &events)
            }
        case .unknown:
            events.append(.unexpectedLine(DecodedLine(text: Self.text(bytes), line: line, time: time, reason: "unknown line")))
        }
    }

    /// Mutates the transaction in flight in place: a copy per line would make long responses
    /// (`+CMGL`, `+COPS=?`) quadratic.
    private mutating func information(_ text: String) {
        guard pending != nil else { return }
        let header = pending!.messageHeader
        let readsMessages = pending!.shape.readsMessages
        if transaction.lines.count < limits.linesPerTransaction {
            transaction.lines.append(text)
        } else {
            transaction.droppedLines += 1
        }
        if let observation = responseObservation(text, header: header) {
            transaction.observations.append(observation)
        }
        pending!.messageHeader = readsMessages && (text.hasPrefix("+CMGR:") || text.hasPrefix("+CMGL:")) ? text : nil
    }

    /// Adds what the URC says and hands it to the transaction in flight, or emits it.
    /// `powerOn`: its registry entry announces a restart (`RDY`).
    mutating func deliver(_ urc: DecodedURC, powerOn: Bool, into events: inout some DecodedEventSink) {
        var urc = urc
        urc.observations = urcObservations(urc, powerOn: powerOn)
        if pending != nil, transaction.urcs.count < limits.urcsPerTransaction {
            transaction.urcs.append(urc)
        } else {
            events.append(.urc(urc))
        }
    }
}
