import ATCodec

extension ModemLifecycleStateMachine {
    /// Where the bring-up stands. Counters live here, so a transcript shows them.
    public enum State: Sendable, Hashable {
        /// Not started.
        case idle
        /// `AT` until `OK`.
        case probing(attempt: Int)
        /// Probing got no answer: `AT` at another candidate rate of
        /// ``Configuration/baudDetection`` (attempt 1 waits for the transport to switch).
        case detectingBaud(rate: Int, attempt: Int)
        /// Echo off, verbose errors, registration and packet-event URCs on; `step` indexes
        /// ``ModemLifecycleStateMachine/configurationRequests``.
        case configuring(step: Int)
        /// `+CGMI`, `+CGMM`, `+CGMR`.
        case identifying
        /// `+CPIN?` (again after a busy SIM or an entered PIN).
        case checkingSIM(attempt: Int)
        /// `+CPIN="…"` in flight.
        case enteringPIN
        /// `+CPIN="<puk>","<newpin>"` in flight (the user gave the PUK; never sent twice).
        case enteringPUK
        /// Waiting for the user: nothing is retried automatically.
        case simLocked(SIMProblem)
        /// `+COPS=…` in flight (``Configuration/operatorSelection``), before registration.
        case selectingOperator(OperatorSelection)
        /// Registration URCs (and a fallback read) decide.
        case awaitingRegistration
        /// Registered, and supervised, without data (``Configuration/bringUpData`` off).
        case registered
        /// `+CGATT=1`.
        case attaching
        /// Defining, authenticating and activating the PDP context, reading its address.
        case activating(DataStep)
        /// Data is up.
        case connected([IPAddress])
        /// The network granted PSM and the modem stopped answering: it sleeps, by design. `AT`
        /// is tried now and then; an answer or any URC wakes the lifecycle back into
        /// `connected(addresses)` (or `registered` when `addresses` is `nil`). Only silence
        /// past the granted Periodic-TAU plus ``Configuration/wakeGrace`` is a failure.
        case sleeping(addresses: [IPAddress]?)
        /// Waiting out a backoff before trying again.
        case recovering(attempt: Int, reason: RecoveryReason)
        case stopped
    }

    /// The steps of bringing the PDP context up, in order.
    public enum DataStep: Sendable, Hashable {
        case defining
        /// The context was active with other settings (LTE's default bearer): take it down first.
        case deactivatingStale
        case authenticating
        case activating
        case readingAddress
    }

    /// Why the SIM blocks the bring-up.
    public enum SIMProblem: Sendable, Hashable {
        /// The SIM asks for a PIN and none was configured.
        case pinRequired
        /// The PIN was refused; it is not tried again until the user gives one.
        case pinRejected(ATFinalResult?)
        /// Too many wrong PINs: the PUK is needed.
        case pukRequired
        /// The PUK the user gave was refused; nothing is retried until the user gives another.
        case pukRejected(ATFinalResult?)
        case notInserted
        /// Another code is wanted (`PH-SIM PIN`, `SIM PIN2`...).
        case codeRequired(SIMState)
        /// The SIM failed (`+CME ERROR: 13`) or never became ready.
        case failure(String)
    }

    /// Why a recovery started.
    public enum RecoveryReason: Sendable, Hashable {
        /// A boot URC (`RDY`, `+CFUN: 1`), a command cut short by one, or lost settings.
        case rebooted
        /// `N` consecutive commands timed out, or probing found no modem.
        case unresponsive
        case registrationLost
        /// Registration was denied, with the network's reject cause when the modem gave it.
        case registrationDenied(rejectCause: Int?)
        case registrationTimedOut
        /// `+CGEV: NW PDN DEACT`, `+QIURC: "pdpdeact"`, `+PDP: DEACT`, `+UUPSDD`, `NW DETACH`.
        case pdpDeactivated
        /// A step failed with an error from the modem.
        case commandFailed(String, ATFinalResult)
        /// The network (or modem) refused the manual operator selection: the command and its
        /// error (`+CME ERROR: 30` no network service, 31 network timeout, 32 emergency only).
        case operatorRejected(command: String, ATFinalResult)
    }

    /// What the driver is asked to send. Each maps to typed commands of `ATCodec`.
    public enum Request: Sendable, Hashable {
        /// `AT`
        case probe
        /// `ATE0`
        case echoOff
        /// `AT+CMEE=2`
        case verboseErrors
        /// `AT+IPR=<rate>`: fixes the detected rate (only with ``BaudDetection/fixRate``).
        case fixBaudRate(Int)
        /// `AT+COPS=0`, `AT+COPS=1,2,"26201"[,<AcT>]`, `AT+COPS=4,2,"26201"[,<AcT>]`
        case selectOperator(OperatorSelection)
        /// `AT+CREG=2`, `AT+CGREG=2`, `AT+CEREG=2`
        case registrationReporting(Registration.Domain, Registration.Reporting)
        /// `AT+CGEREP=1`
        case packetEventReporting
        /// `AT+CGMI`, `AT+CGMM`, `AT+CGMR`
        case identify
        /// `AT+CPIN?`
        case readSIM
        /// `AT+CPIN="<pin>"` (redacted in logs)
        case enterPIN(String)
        /// `AT+CPIN="<puk>","<newpin>"` (redacted in logs)
        case enterPUK(puk: String, newPIN: String)
        /// `AT+CPINR="SIM*"`, or the dialect's own: Quectel `AT+QPINC="SC"`, SIMCom `AT+SPIC`
        case readSIMRetries
        /// `AT+CPSMS=1,,,"<T3412>","<T3324>"`
        case requestPSM(periodicTAU: GPRSTimer, activeTime: GPRSTimer)
        /// `AT+CEDRXS=1,<AcT-type>,"<value>"`
        case requestEDRX(CEDRXS.AccessType, CEDRXS.Value)
        /// `AT+CREG?`, `AT+CGREG?`, `AT+CEREG?`
        case readRegistration(Registration.Domain)
        /// `AT+CGATT=1`
        case attach
        /// `AT+CGDCONT=<cid>,"<type>","<apn>"`
        case defineContext(cid: Int, type: PDPType, apn: String)
        /// `AT+CGAUTH=<cid>,<auth>,"<user>","<password>"`
        case authenticate(cid: Int, PDPCredentials)
        /// `AT+CGACT=0,<cid>`
        case deactivateContext(cid: Int)
        /// `AT+CGACT=1,<cid>`
        case activateContext(cid: Int)
        /// `AT+CGPADDR=<cid>`
        case readAddresses(cid: Int)
        /// `AT+COPS?`
        case readOperator
        /// `AT+CSQ`
        case readSignal
    }

    /// A successful answer to a ``Request``.
    public enum Reply: Sendable, Hashable {
        case ok
        case identity(ModemIdentity)
        case sim(SIMState)
        case simRetries(SIMRetries)
        case registration(Registration)
        case addresses([IPAddress])
        case networkOperator(name: String?, technology: AccessTechnology?)
        case signal(rssiDBm: Int?)
    }

    /// Why a request failed.
    public enum RequestFailure: Error, Sendable, Hashable {
        case timedOut
        /// `ERROR`, `+CME ERROR: …` or a failing vendor final.
        case rejected(ATFinalResult)
        /// A power-on line arrived while it was in flight.
        case modemRebooted
        /// The answer could not be parsed (the text says why).
        case invalidResponse(String)
        /// The request could not be encoded (a PIN that is not 4 to 8 digits); nothing was sent.
        case invalidArgument(String)
        case transportClosed
    }

    /// Timers the driver runs and reports back as ``Event/timerFired(_:)``.
    public enum TimerID: Sendable, Hashable {
        case simRetry
        case registrationPoll
        case registrationTimeout
        case backoff
        case supervision
        /// While ``State/sleeping(addresses:)``: try `AT` again.
        case wakeProbe
        /// While ``State/sleeping(addresses:)``: the modem should have woken by now.
        case wakeDeadline
    }

    /// Past-tense facts.
    public enum Event: Sendable, Hashable {
        case started
        case stopRequested
        /// The answer to ``Action/send(id:_:)`` with the same id.
        case completed(id: UInt64, Result<Reply, RequestFailure>)
        /// A URC line as printed (`+CEREG: 5`, `RDY`, `+QIURC: "pdpdeact",1`).
        case urcReceived(String)
        /// The user supplied a PIN after ``SIMProblem/pinRequired`` or ``SIMProblem/pinRejected(_:)``.
        case pinProvided(String)
        /// The user supplied the PUK and a new PIN after ``SIMProblem/pukRequired`` or
        /// ``SIMProblem/pukRejected(_:)``.
        case pukProvided(puk: String, newPIN: String)
        case timerFired(TimerID)
        /// The transport now runs at this rate (after ``Action/setBaudRate(_:)``).
        case baudRateChanged(Int)
        /// The transport could not switch to this rate (a TCP link, a rate the port refuses).
        case baudRateChangeFailed(Int, reason: String)
    }

    /// Imperatives for the driver, in order.
    public enum Action: Sendable, Hashable {
        case send(id: UInt64, Request)
        case startTimer(TimerID, Duration)
        case cancelTimer(TimerID)
        /// Identification is done: choose the dialect (unless the user chose one) before going on.
        case selectDialect(ModemIdentity)
        case publish(ModemStatusEvent)
        /// Switch the transport's line speed, then report ``Event/baudRateChanged(_:)`` or
        /// ``Event/baudRateChangeFailed(_:reason:)``.
        case setBaudRate(Int)
    }
}

/// `+CGMI`, `+CGMM` and `+CGMR` as printed.
public struct ModemIdentity: Sendable, Hashable {
    public var manufacturer: String
    public var model: String
    public var firmware: String?

    public init(manufacturer: String, model: String, firmware: String? = nil) {
        self.manufacturer = manufacturer
        self.model = model
        self.firmware = firmware
    }
}

/// What a ``ModemLifecycleStateMachine`` reports as it goes, for a status stream.
public enum ModemStatusEvent: Sendable, Hashable {
    case stateChanged(ModemLifecycleStateMachine.State)
    case identified(ModemIdentity)
    /// The dialect the driver chose after ``ModemLifecycleStateMachine/Action/selectDialect(_:)``
    /// (`quectel`, `ublox`...); published by the driver, not the state machine.
    case dialectSelected(String)
    /// A registration report (URC or read), with its RAT and reject cause when given.
    case registrationChanged(Registration)
    case operatorChanged(name: String?, technology: AccessTechnology?)
    case signalChanged(rssiDBm: Int?)
    case addressesAssigned([IPAddress])
    /// What the modem said about the SIM's remaining PIN and PUK attempts.
    case simRetriesChanged(SIMRetries)
    /// The PSM timers the network granted, from `+CEREG`/`+CGREG` at `<n>` 4 or 5.
    case powerSavingGranted(PowerSavingGrant)
    /// The modem refused (or did not answer) `AT+CPSMS` or `AT+CEDRXS`; it goes on awake.
    case powerSavingRefused(request: String, ModemLifecycleStateMachine.RequestFailure)
    /// Baud detection found the modem answering `OK` at this rate.
    case baudRateDetected(Int)
    /// Probing ran out of attempts (and of candidate rates, with detection) without an `OK`.
    case probeFailed(ProbeFailure)
    /// The modem refused a `+COPS` selection; recovery (or the automatic fallback) follows.
    case operatorSelectionFailed(OperatorSelectionFailure)
}

/// What the network granted for PSM (TS 24.008 encodings): the Active-Time (T3324) and the
/// Periodic-TAU (T3412 extended, or Periodic-RAU on GPRS). `nil` where the report left it out.
public struct PowerSavingGrant: Sendable, Hashable {
    public var activeTime: GPRSTimer?
    public var periodicUpdate: GPRSTimer?

    public init(activeTime: GPRSTimer?, periodicUpdate: GPRSTimer?) {
        self.activeTime = activeTime
        self.periodicUpdate = periodicUpdate
    }

    /// Whether the modem will sleep: an Active-Time that is not deactivated.
    public var allowsSleep: Bool {
        guard let activeTime, !activeTime.isDeactivated else { return false }
        return true
    }
}

extension ModemLifecycleStateMachine.Request: CustomStringConvertible {
    /// The command it sends, without secrets: `AT+CGDCONT=1`, `AT+CPIN=***`, `AT+CGAUTH=1,***`.
    public var description: String {
        switch self {
        case .probe: "AT"
        case .echoOff: "ATE0"
        case .verboseErrors: "AT+CMEE=2"
        case .fixBaudRate(let rate): IPR.Set(rate: rate).text
        case .selectOperator(let selection): selection.commandText
        case .registrationReporting(let domain, let mode): "AT\(domain.name)=\(mode.rawValue)"
        case .packetEventReporting: "AT+CGEREP=1"
        case .identify: "AT+CGMI/+CGMM/+CGMR"
        case .readSIM: "AT+CPIN?"
        case .enterPIN: "AT+CPIN=***"
        case .enterPUK: "AT+CPIN=***,***"
        case .readSIMRetries: "AT+CPINR"
        case .requestPSM(let tau, let active): "AT+CPSMS=1,,,\"\(tau.bits)\",\"\(active.bits)\""
        case .requestEDRX(let type, let value): "AT+CEDRXS=1,\(type.rawValue),\"\(value.bits)\""
        case .readRegistration(let domain): "AT\(domain.name)?"
        case .attach: "AT+CGATT=1"
        case .defineContext(let cid, let type, let apn): "AT+CGDCONT=\(cid),\"\(type)\",\"\(apn)\""
        case .authenticate(let cid, _): "AT+CGAUTH=\(cid),***"
        case .deactivateContext(let cid): "AT+CGACT=0,\(cid)"
        case .activateContext(let cid): "AT+CGACT=1,\(cid)"
        case .readAddresses(let cid): "AT+CGPADDR=\(cid)"
        case .readOperator: "AT+COPS?"
        case .readSignal: "AT+CSQ"
        }
    }
}
