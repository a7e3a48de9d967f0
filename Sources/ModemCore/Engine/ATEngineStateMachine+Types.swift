import ATCodec

extension ATEngineStateMachine {
    /// A command as the state machine sees it: an id, its classifier context and its timeout.
    public struct Submission: Sendable {
        public var id: UInt64
        public var context: ATCommandContext
        public var timeout: Duration

        public init(id: UInt64, context: ATCommandContext, timeout: Duration) {
            self.id = id
            self.context = context
            self.timeout = timeout
        }

        /// The command line as written.
        public var text: String { ATText.decode(context.echo) }
    }

    /// Timers the driver runs on its clock and reports back as ``Event/timerFired(_:)``.
    public enum TimerID: Sendable, Hashable {
        case command(UInt64)
        case resync
    }

    /// Past-tense facts fed to the state machine.
    public enum Event: Sendable {
        case submitted(Submission)
        case bytesReceived([UInt8])
        case timerFired(TimerID)
        case cancelled(id: UInt64)
        /// The user finished with data mode (after `+++` / `ATO` handling or a hand-off).
        case dataModeLeft
        case transportClosed
    }

    /// Why a command did not produce a response.
    public enum Failure: Error, Sendable, Hashable {
        case timedOut
        case cancelled
        case transportClosed
        /// The modem printed a power-on line while the command was in flight.
        case modemRebooted
    }

    /// A URC with everything that belongs to it.
    public struct URC: Sendable, Hashable {
        /// The registry's name: `"+CMTI"`, `"RDY"`.
        public var name: String
        public var line: String
        /// Lines that belong to it (the PDU after `+CMT: ,24`).
        public var followingLines: [String]
        /// Raw bytes that belong to it (`+RECEIVE,0,5:` then 5 bytes).
        public var payload: [UInt8]?
        public var bootRole: URCBootRole?

        public init(name: String, line: String, followingLines: [String] = [], payload: [UInt8]? = nil, bootRole: URCBootRole? = nil) {
            self.name = name
            self.line = line
            self.followingLines = followingLines
            self.payload = payload
            self.bootRole = bootRole
        }
    }

    /// Things the engine reports that are not a command's answer.
    public enum Notice: Sendable, Hashable {
        /// A line nobody claimed; kept whole.
        case unknownLine(String)
        /// A final result with no command in flight (`NO CARRIER` after a dropped call).
        case strayFinal(ATFinalResult)
        /// A line longer than the framer's limit was dropped.
        case overflow(discardedBytes: Int)
        /// A power-on line (`RDY`): the modem restarted.
        case rebootDetected
        /// The port entered data mode after `CONNECT`.
        case dataModeEntered
        /// A resynchronisation after a timeout finished: `true` when the modem answered `AT`.
        case resynchronised(Bool)
        /// Lines or bytes of a cancelled command, discarded as they arrived.
        case discardedAfterCancel(String)
    }

    /// Imperatives for the driver, carried out in order.
    public enum Action: Sendable {
        case write([UInt8])
        case startTimer(TimerID, Duration)
        case cancelTimer(TimerID)
        case complete(id: UInt64, Result<ATResponse, Failure>)
        case publishURC(URC)
        case notify(Notice)
        /// Bytes received in data mode, for the data-mode consumer (PPP).
        case deliverData([UInt8])
    }
}
