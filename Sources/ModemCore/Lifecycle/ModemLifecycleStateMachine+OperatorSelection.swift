import ATCodec

extension ModemLifecycleStateMachine {
    /// The answer to `AT+COPS=…`: register, fall back to automatic, or recover with backoff.
    ///
    ///     → AT+COPS=1,2,"26201"   ← OK                        → awaiting registration
    ///                             ← +CME ERROR: 32            → publish(.operatorSelectionFailed)
    ///                                                           recovering(.operatorRejected) (manual)
    ///     → AT+COPS=4,2,"26201"   ← +CME ERROR: 30            → AT+COPS=0 (with fallback)
    mutating func operatorSelected(
        _ selection: OperatorSelection, _ request: Request, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]
    ) {
        switch result {
        case .success:
            enter(.awaitingRegistration, into: &actions)
        case .failure(.rejected(let final)):
            actions.append(.publish(.operatorSelectionFailed(OperatorSelectionFailure(selection: selection, result: final))))
            if case .manual(_, _, fallback: true) = selection { return enter(.selectingOperator(.automatic), into: &actions) }
            recover(.operatorRejected(command: request.description, final), into: &actions)
        case .failure:
            recover(failureReason(request, result), into: &actions)
        }
    }

    /// Where a ready SIM leads: the operator selection when one is configured, else registration.
    var afterSIMReady: State {
        configuration.operatorSelection.map { .selectingOperator($0) } ?? .awaitingRegistration
    }
}

/// How the modem picks its network (`AT+COPS`, TS 27.007 §7.3).
///
///     .automatic                                        → AT+COPS=0
///     .manual(try PLMN("26201"))                        → AT+COPS=1,2,"26201"
///     .manual(try PLMN("26201"), .eutran)               → AT+COPS=1,2,"26201",7
///     .manual(try PLMN("26201"), fallback: true)        → AT+COPS=4,2,"26201"
public enum OperatorSelection: Sendable, Hashable {
    case automatic
    /// This network only (`<mode>` 1); with `fallback`, `<mode>` 4: the modem registers
    /// automatically when the network is not found, and the lifecycle sends `AT+COPS=0` when
    /// the modem refuses anyway.
    case manual(PLMN, AccessTechnology? = nil, fallback: Bool = false)

    /// The command to send.
    public var command: COPS.Set {
        get throws(ATEncodingError) {
            switch self {
            case .automatic: return COPS.Set.automatic
            case .manual(let plmn, let technology, let fallback):
                return try COPS.Set(mode: fallback ? .manualThenAutomatic : .manual, format: .numeric, operator: plmn.digits, accessTechnology: technology)
            }
        }
    }

    /// `AT+COPS=1,2,"26201"`.
    var commandText: String {
        (try? command.text) ?? "AT+COPS"
    }
}

/// A network's numeric id: MCC (3 digits) and MNC (2 or 3), `"26201"`, `"310410"`.
public struct PLMN: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    /// - Throws: ``PLMNError`` unless `digits` is 5 or 6 ASCII digits (nothing else reaches
    ///   the command line: no quotes, CR, LF, Ctrl-Z or ESC).
    public init(_ digits: String) throws(PLMNError) {
        guard (5...6).contains(digits.utf8.count), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw PLMNError(value: digits)
        }
        self.digits = digits
    }

    public var description: String { digits }
}

/// A PLMN that is not 5 or 6 digits.
public struct PLMNError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var description: String {
        "operator \(value.debugDescription) is not a PLMN: 5 or 6 digits, MCC and MNC (\"26201\")"
    }
}

/// The modem refused an operator selection: the command, the error and what it means.
///
///     AT+COPS=1,2,"00109" refused: +CME ERROR: 30 (no network service)
public struct OperatorSelectionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was asked for.
    public let selection: OperatorSelection
    /// The modem's answer: `+CME ERROR: 32`, `ERROR`.
    public let result: ATFinalResult

    /// The command refused: `AT+COPS=1,2,"26201"`.
    public var command: String { selection.commandText }

    /// The `+CME ERROR` number, when it was one.
    public var code: Int? {
        if case .cmeError(let error) = result { return error.code }
        return nil
    }

    /// The standard's text for the error (`network not allowed - emergency calls only`).
    public var meaning: String {
        if case .cmeError(let error) = result { return error.text }
        return "\(result)"
    }

    public var description: String { "\(command) refused: \(result)" }
}
