/// What a line from the modem is, given the command in flight.
public enum ATLineClass: Sendable, Equatable {
    /// It ends the command in flight (or, with nothing in flight, is a stray final such as the
    /// `NO CARRIER` of a dropped data call).
    case final(ATFinalResult)
    /// The modem's echo of the command line or of a prompt payload.
    case echo
    /// One of the in-flight command's own information lines.
    case information
    /// An unsolicited result code from the registry.
    case urc(URCRegistry.ID)
    /// None of the above: surfaced as an event, never dropped.
    case unknown
}

/// Classifies modem lines with the in-flight command as context.
///
/// Precedence, for each line:
/// 1. a final result: the command's own finals, the dialect's, then the standard ones;
/// 2. the exact echo of the command line (or of the payload written after a prompt);
/// 3. one of the command's own prefixes (so `+CREG: 2,1` answers `AT+CREG?` even though `+CREG:`
///    is also a URC), unless the command says the line is not of its shape (`+CREG: 2` is);
/// 4. a registered URC;
/// 5. a bare line when the command prints bare lines (`AT+CGSN` → `490154203237518`);
/// 6. unknown.
///
///     AT+CSQ in flight:  "AT+CSQ" → .echo   "+CSQ: 21,99" → .information   "OK" → .final(.ok)
///                        "+CMTI: \"SM\",3" → .urc(id of +CMTI)   "garbage" → .unknown
///
/// Costs no allocation for the common lines (only `CONNECT text` and `+CME ERROR: text` decode text).
public struct ATLineClassifier: Sendable {
    public var urcs: URCRegistry
    /// Finals that any command may end with on this dialect (`COMMAND NOT SUPPORT`).
    public var dialectFinals: [ATFinalPattern]
    /// `ATV0` is in force: results are numeric (`0` = OK, `4` = ERROR).
    public var numericResults: Bool

    public init(urcs: URCRegistry = .standard, dialectFinals: [ATFinalPattern] = [], numericResults: Bool = false) {
        self.urcs = urcs
        self.dialectFinals = dialectFinals
        self.numericResults = numericResults
    }

    /// Classifies a line held by the caller.
    public func classify(_ line: ArraySlice<UInt8>, inFlight context: ATCommandContext?) -> ATLineClass {
        line.withUnsafeBufferPointer { bytes in
            classify(bytes, owned: { line }, inFlight: context)
        }
    }

    /// Classifies a line that ``ATFramer/nextRange(expecting:)`` returned, reading its bytes in
    /// place: the same class as ``classify(_:inFlight:)`` gives for `framer.bytes(in: line)`,
    /// without retaining the framer's buffer.
    public func classify(_ line: Range<Int>, in framer: ATFramer, inFlight context: ATCommandContext?) -> ATLineClass {
        framer.withBytes(line) { bytes in
            classify(bytes, owned: { framer.bytes(in: line) }, inFlight: context)
        }
    }

    /// The final result a line is, if any.
    public func finalResult(_ line: ArraySlice<UInt8>, context: ATCommandContext?) -> ATFinalResult? {
        line.withUnsafeBufferPointer { bytes in
            if let context, let final = commandFinal(bytes, context: context) { return final }
            return standardFinal(bytes)
        }
    }

    /// `owned` gives the line as a slice, for the command's `ownsLine` check (public API that
    /// takes a slice); every other check reads `line` in place.
    @inline(__always)
    private func classify(
        _ line: UnsafeBufferPointer<UInt8>, owned: () -> ArraySlice<UInt8>, inFlight context: ATCommandContext?
    ) -> ATLineClass {
        guard context != nil else {
            if let id = urcs.match(bytes: line) { return .urc(id) }
            if let final = standardFinal(line) { return .final(final) }
            return .unknown
        }
        // Not `guard let`: the binding would be a copy, retained and released around every line.
        return classify(line, owned: owned, borrowing: context.unsafelyUnwrapped)
    }

    /// The in-flight case, with the context borrowed: the per-line path copies (retains)
    /// nothing of it.
    @inline(__always)
    private func classify(
        _ line: UnsafeBufferPointer<UInt8>, owned: () -> ArraySlice<UInt8>, borrowing context: borrowing ATCommandContext
    ) -> ATLineClass {
        if let final = commandFinal(line, context: context) { return .final(final) }
        if let final = standardFinal(line) { return .final(final) }
        if isEcho(line, context: context) { return .echo }
        // Borrowed iteration: no retain of each prefix on this per-line path.
        let ownPrefix = context.prefixes.withUnsafeBufferPointer { prefixes in
            var index = 0
            while index < prefixes.count {
                if ATBytes.hasPrefix(line, prefixes[index]) { return true }
                index += 1
            }
            return false
        }
        if ownPrefix {
            if let owns = context.ownsLine, !owns(owned()), let id = urcs.match(bytes: line) { return .urc(id) }
            return .information
        }
        if let id = urcs.match(bytes: line) { return .urc(id) }
        return context.acceptsBareLines ? .information : .unknown
    }

    /// One of the command's own finals (`SEND OK`), checked before the standard ones.
    @inline(__always)
    private func commandFinal(_ line: UnsafeBufferPointer<UInt8>, context: borrowing ATCommandContext) -> ATFinalResult? {
        if !context.finals.isEmpty {
            for final in context.finals where final.matches(line) {
                return .vendor(ATText.decode(line), success: final.success)
            }
        }
        return nil
    }

    /// A standard final result, numeric if enabled, or one of the dialect's.
    @inline(__always)
    private func standardFinal(_ line: UnsafeBufferPointer<UInt8>) -> ATFinalResult? {
        if let final = ATFinalResult.parse(bytes: line) { return final }
        if numericResults, let final = ATFinalResult.parseNumeric(bytes: line) { return final }
        if !dialectFinals.isEmpty {
            for final in dialectFinals where final.matches(line) {
                return .vendor(ATText.decode(line), success: final.success)
            }
        }
        return nil
    }

    @inline(__always)
    private func isEcho(_ line: UnsafeBufferPointer<UInt8>, context: borrowing ATCommandContext) -> Bool {
        if line.count == context.echo.count, let first = line.first, asciiUpper(first) == UInt8(ascii: "A") {
            if ATBytes.equal(line, context.echo) { return true }
            // Some modems echo in the case they normalise to; compare ASCII case-insensitively.
            if zip(line, context.echo).allSatisfy({ asciiUpper($0) == asciiUpper($1) }) { return true }
        }
        if let body = context.payloadEchoBody, !body.isEmpty {
            let trimmed = ATBytes.trimmingTerminators(line)
            return body.withUnsafeBufferPointer { body in
                if ATBytes.equal(trimmed, body) { return true }
                // The modem echoes the prompt before the payload on the same line: "> 0891...".
                return trimmed.count == body.count + 2 && trimmed.first == ATByte.greaterThan
                    && ATBytes.equal(ATBytes.dropFirst(trimmed, 2), body)
            }
        }
        return false
    }

    @inline(__always)
    private func asciiUpper(_ byte: UInt8) -> UInt8 {
        byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
    }
}
