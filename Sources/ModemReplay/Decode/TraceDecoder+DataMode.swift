import ATCodec
import ModemTrace

/// Data mode: after `CONNECT` the bytes are not AT lines. The framer is asked for raw bytes
/// (``FramingHint/data``) until the modem says `NO CARRIER`, or `OK` after the host's `+++`;
/// the bytes are counted per direction and, for PPP, split into frames.
extension TraceDecoder {
    /// A data-mode segment in progress.
    struct DataMode: Sendable {
        var session: DecodedDataSession
        var written = PPPFrameSplitter()
        var read = PPPFrameSplitter()
        /// `nil` until decided: a packet dial says PPP; otherwise the first data byte does.
        var ppp: Bool?
        /// The host wrote `+++`: the next `OK` ends data mode, and the host writes commands again.
        var escapeWritten = false
    }

    /// Whether a `CONNECT` starts data mode: plain `CONNECT` or `CONNECT <speed>`, not the
    /// `CONNECT OK` of socket stacks.
    static func startsDataMode(_ final: ATFinalResult) -> Bool {
        guard case .connect(let text) = final else { return false }
        guard let first = text?.utf8.first else { return true }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    mutating func enterDataMode(command: String?, connect: ATFinalResult) {
        let upper = command?.uppercased() ?? ""
        let packetDial = upper.hasPrefix("ATD") && (upper.contains("*99") || upper.contains("*98"))
        let session = DecodedDataSession(
            command: command, connect: connect.description, line: line, start: time, end: time, endLine: line,
            ending: .traceEnded, ppp: packetDial, bytesWritten: 0, bytesRead: 0, frames: [], droppedFrames: 0, badFrames: 0)
        dataMode = DataMode(session: session, ppp: packetDial ? true : nil)
    }

    /// Bytes the host wrote in data mode; returns `false` when they are commands again (after `+++`).
    mutating func dataWritten(_ bytes: ArraySlice<UInt8>, into events: inout some DecodedEventSink) -> Bool {
        guard dataMode != nil, !dataMode!.escapeWritten else { return false }
        if bytes.elementsEqual("+++".utf8) {
            dataMode!.escapeWritten = true
            return true
        }
        dataMode!.session.bytesWritten += bytes.count
        decidePPP(bytes)
        if dataMode!.ppp == true {
            dataMode!.written.append(bytes)
            takeFrames(.tx)
        }
        return true
    }

    /// Raw bytes from the framer in data mode: data up to the line that ends data mode, if it
    /// is there; what follows that line goes back to the framer as lines.
    mutating func dataRead(_ bytes: ArraySlice<UInt8>, into events: inout some DecodedEventSink) {
        guard dataMode != nil else { return }
        let end = Self.endOfDataMode(in: bytes, escaped: dataMode!.escapeWritten)
        let data = bytes[bytes.startIndex..<(end?.dataEnd ?? bytes.endIndex)]
        if !data.isEmpty {
            dataMode!.session.bytesRead += data.count
            decidePPP(data)
            if dataMode!.ppp == true {
                dataMode!.read.append(data)
                takeFrames(.rx)
            }
        }
        guard let end else { return }
        let rest = Array(bytes[end.restStart...])
        leaveDataMode(end.ending, into: &events)
        if !rest.isEmpty { framer.append(rest) }
    }

    /// Ends data mode (if on) and emits the session.
    mutating func leaveDataMode(_ ending: DecodedDataSession.Ending, into events: inout some DecodedEventSink) {
        guard var mode = dataMode else { return }
        dataMode = nil
        for (direction, splitter) in [(TraceDirection.tx, mode.written), (.rx, mode.read)] where splitter.pendingCount > 0 {
            mode.session.badFrames += 1
            record(&mode, direction, length: splitter.pendingCount, fcsValid: false, aborted: true,
                   summary: PPPFrameSummary(protocolNumber: nil, protocolName: "cut frame", detail: "(no closing flag before data mode ended)"))
        }
        mode.session.ending = ending
        mode.session.end = time
        mode.session.endLine = line
        mode.session.ppp = mode.ppp ?? false
        events.append(.dataSession(mode.session))
    }

    private mutating func decidePPP(_ bytes: some Collection<UInt8>) {
        if dataMode!.ppp == nil, let first = bytes.first { dataMode!.ppp = first == 0x7E }
    }

    private mutating func takeFrames(_ direction: TraceDirection) {
        while let frame = direction == .tx ? dataMode!.written.next() : dataMode!.read.next() {
            if !frame.fcsValid { dataMode!.session.badFrames += 1 }
            guard dataMode!.session.frames.count < limits.framesPerSession else {
                dataMode!.session.droppedFrames += 1
                continue
            }
            record(&dataMode!, direction, length: frame.bytes.count, fcsValid: frame.fcsValid, aborted: frame.aborted,
                   summary: PPPFrameSummary(frame: frame.bytes))
        }
    }

    private func record(_ mode: inout DataMode, _ direction: TraceDirection, length: Int, fcsValid: Bool, aborted: Bool,
                        summary: PPPFrameSummary) {
        guard mode.session.frames.count < limits.framesPerSession else {
            mode.session.droppedFrames += 1
            return
        }
        mode.session.frames.append(DecodedDataSession.Frame(
            direction: direction, time: time, line: line, length: length, fcsValid: fcsValid, aborted: aborted, summary: summary))
    }

    /// Where `NO CARRIER` (or, after `+++`, `OK`) stands as a line in `bytes`: the data ends
    /// before the CR LF in front of it, lines resume after the CR LF behind it.
    static func endOfDataMode(in bytes: ArraySlice<UInt8>, escaped: Bool) -> (dataEnd: Int, restStart: Int, ending: DecodedDataSession.Ending)? {
        let candidates: [(word: String, ending: DecodedDataSession.Ending)] =
            escaped ? [("NO CARRIER", .noCarrier), ("OK", .escaped)] : [("NO CARRIER", .noCarrier)]
        var best: (dataEnd: Int, restStart: Int, ending: DecodedDataSession.Ending)?
        for (word, ending) in candidates {
            guard let found = lineStart(of: Array(word.utf8), in: bytes) else { continue }
            if let current = best, current.dataEnd <= found.dataEnd { continue }
            best = (found.dataEnd, found.restStart, ending)
        }
        return best
    }

    /// The first place `word` stands alone on a line: at the start or after LF or CR, and
    /// followed by CR, LF or the end.
    private static func lineStart(of word: [UInt8], in bytes: ArraySlice<UInt8>) -> (dataEnd: Int, restStart: Int)? {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var index = bytes.startIndex
        while index + word.count <= bytes.endIndex {
            defer { index += 1 }
            guard bytes[index] == word[0], bytes[index..<(index + word.count)].elementsEqual(word) else { continue }
            let before = index == bytes.startIndex ? nil : bytes[index - 1]
            guard before == nil || before == lf || before == cr else { continue }
            let after = index + word.count
            guard after == bytes.endIndex || bytes[after] == cr || bytes[after] == lf else { continue }
            var dataEnd = index
            while dataEnd > bytes.startIndex, bytes[dataEnd - 1] == cr || bytes[dataEnd - 1] == lf, index - dataEnd < 2 { dataEnd -= 1 }
            var restStart = after
            while restStart < bytes.endIndex, bytes[restStart] == cr || bytes[restStart] == lf, restStart - after < 2 { restStart += 1 }
            return (dataEnd, restStart)
        }
        return nil
    }
}
