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

    @inline(__always)
    public func classify(_ line: ArraySlice<UInt8>, inFlight context: ATCommandContext?) -> ATLineClass {
        guard let context else {
            if let id = urcs.match(line) { return .urc(id) }
            if let final = finalResult(line, context: nil) { return .final(final) }
            return .unknown
        }
        return classify(line, borrowing: context)
    }

    /// The in-flight case, with the context borrowed: the per-line path copies (retains)
    /// nothing of it.
    @inline(__always)
    private func classify(_ line: ArraySlice<UInt8>, borrowing context: borrowing ATCommandContext) -> ATLineClass {
        if !context.finals.isEmpty {
            for final in context.finals where final.matches(line) {
                return .final(.vendor(ATText.decode(line), success: final.success))
            }
        }
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
            if let owns = context.ownsLine, !owns(line), let id = urcs.match(line) { return .urc(id) }
            return .information
        }
        if let id = urcs.match(line) { return .urc(id) }
        return context.acceptsBareLines ? .information : .unknown
    }

    /// The final result a line is, if any.
    @inline(__always)
    public func finalResult(_ line: ArraySlice<UInt8>, context: ATCommandContext?) -> ATFinalResult? {
        if let context, !context.finals.isEmpty {
            for final in context.finals where final.matches(line) {
                return .vendor(ATText.decode(line), success: final.success)
            }
        }
        return standardFinal(line)
    }

    /// A standard final result, numeric if enabled, or one of the dialect's.
    @inline(__always)
    private func standardFinal(_ line: ArraySlice<UInt8>) -> ATFinalResult? {
        if let final = ATFinalResult.parse(line) { return final }
        if numericResults, let final = ATFinalResult.parseNumeric(line) { return final }
        if !dialectFinals.isEmpty {
            for final in dialectFinals where final.matches(line) {
                return .vendor(ATText.decode(line), success: final.success)
            }
        }
        return nil
    }

    @inline(__always)
    private func isEcho(_ line: ArraySlice<UInt8>, context: borrowing ATCommandContext) -> Bool {
        if line.count == context.echo.count, let first = line.first, asciiUpper(first) == UInt8(ascii: "A") {
            if ATBytes.equal(line, context.echo) { return true }
            // Some modems echo in the case they normalise to; compare ASCII case-insensitively.
            if zip(line, context.echo).allSatisfy({ asciiUpper($0) == asciiUpper($1) }) { return true }
        }
        if let body = context.payloadEchoBody, !body.isEmpty {
            let trimmed = ATBytes.trimmingTerminators(line)
            if ATBytes.equal(trimmed, body) { return true }
            // The modem echoes the prompt before the payload on the same line: "> 0891...".
            if trimmed.count == body.count + 2, trimmed.first == ATByte.greaterThan,
               ATBytes.equal(trimmed.dropFirst(2), body) { return true }
        }
        return false
    }

    @inline(__always)
    private func asciiUpper(_ byte: UInt8) -> UInt8 {
        byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
    }
}
