import ATCodec
import ModemCore

/// Why a command sent through ``ATClient`` did not give a response.
public enum ATClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The modem answered with a failure: `ERROR`, `+CME ERROR: 10`, `SEND FAIL`...
    case commandFailed(command: String, final: ATFinalResult, response: ATResponse)
    /// No final result within the command's timeout.
    case timedOut(command: String, after: Duration)
    /// The caller cancelled the command (its answer, if it comes, is discarded).
    case cancelled(command: String)
    /// The transport closed before the command finished; all pending work fails with this.
    case transportClosed(command: String?)
    /// The modem restarted while the command was in flight.
    case modemRebooted(command: String)
    /// The answer was there but could not be parsed.
    case parseFailed(ATParseError)
    /// A value could not be put into a command line.
    case encodingFailed(ATEncodingError)
    /// A deferred result (`+QIOPEN: 0,0`) did not arrive in time.
    case deferredResultTimedOut(command: String, awaiting: String)

    public var description: String {
        switch self {
        case .commandFailed(let command, let final, _):
            "\(command) failed: \(final)"
        case .timedOut(let command, let after):
            "\(command) timed out after \(after)"
        case .cancelled(let command):
            "\(command) was cancelled"
        case .transportClosed(let command):
            command.map { "\($0): transport closed" } ?? "transport closed"
        case .modemRebooted(let command):
            "\(command): the modem restarted"
        case .parseFailed(let error):
            error.description
        case .encodingFailed(let error):
            error.description
        case .deferredResultTimedOut(let command, let awaiting):
            "\(command): no \(awaiting) arrived in time"
        }
    }

    /// The +CME ERROR code, if the modem answered with one.
    public var cmeError: CMEError? {
        if case .commandFailed(_, .cmeError(let error), _) = self { return error }
        return nil
    }

    /// The +CMS ERROR code, if the modem answered with one.
    public var cmsError: CMSError? {
        if case .commandFailed(_, .cmsError(let error), _) = self { return error }
        return nil
    }
}

/// Something the engine noticed that is not the answer to a command.
public enum ATClientEvent: Sendable, Hashable {
    /// A line nobody claimed (kept whole, never dropped).
    case unknownLine(String)
    /// A final result with nothing in flight.
    case strayFinal(ATFinalResult)
    /// A line longer than the limit was dropped.
    case overflow(discardedBytes: Int)
    /// The modem printed a power-on line (`RDY`).
    case rebootDetected
    /// `CONNECT` switched the port into data mode.
    case dataModeEntered
    /// A resynchronisation after a timeout ended; `false` when the modem stayed silent.
    case resynchronised(Bool)
    /// Output of a cancelled command, discarded.
    case discardedAfterCancel(String)
    /// The transport closed.
    case transportClosed

    init(_ notice: ATEngineStateMachine.Notice) {
        switch notice {
        case .unknownLine(let line): self = .unknownLine(line)
        case .strayFinal(let final): self = .strayFinal(final)
        case .overflow(let count): self = .overflow(discardedBytes: count)
        case .rebootDetected: self = .rebootDetected
        case .dataModeEntered: self = .dataModeEntered
        case .resynchronised(let ok): self = .resynchronised(ok)
        case .discardedAfterCancel(let text): self = .discardedAfterCancel(text)
        }
    }
}

/// A URC with everything that belongs to it: `+CMT: ,24` and its PDU line.
public typealias ATURC = ATEngineStateMachine.URC
