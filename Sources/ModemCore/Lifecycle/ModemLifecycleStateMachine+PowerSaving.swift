import ATCodec

/// PSM and eDRX to ask the network for. Durations are encoded as TS 24.008 defines them
/// (``GPRSTimer/init(encoding:coding:)``): a value no unit holds exactly is rounded up.
///
///     PowerSavingSettings(psm: .init(periodicTAU: .seconds(3600), activeTime: .seconds(10)))
///     // → AT+CPSMS=1,,,"00000110","00000101"
public struct PowerSavingSettings: Sendable, Hashable {
    /// Requested PSM timers.
    public struct PSM: Sendable, Hashable {
        /// T3412 extended, GPRS Timer 3.
        public var periodicTAU: GPRSTimer
        /// T3324, GPRS Timer 2.
        public var activeTime: GPRSTimer

        /// - Throws: ``PowerSavingSettingsError`` for a duration the encoding cannot hold
        ///   (negative, a TAU over 31 × 320 h, an active time over 31 × 6 min).
        public init(periodicTAU: Duration, activeTime: Duration) throws(PowerSavingSettingsError) {
            guard let tau = GPRSTimer(encoding: periodicTAU, coding: .timer3) else {
                throw PowerSavingSettingsError(field: "periodic TAU", reason: "\(periodicTAU) does not fit GPRS Timer 3 (0 s to 9920 h)")
            }
            guard let active = GPRSTimer(encoding: activeTime, coding: .timer2) else {
                throw PowerSavingSettingsError(field: "active time", reason: "\(activeTime) does not fit GPRS Timer 2 (0 s to 186 min)")
            }
            self.periodicTAU = tau
            self.activeTime = active
        }
    }

    /// Requested eDRX.
    public struct EDRX: Sendable, Hashable {
        public var accessType: CEDRXS.AccessType
        public var value: CEDRXS.Value

        public init(accessType: CEDRXS.AccessType = .lteM, value: CEDRXS.Value) {
            self.accessType = accessType
            self.value = value
        }
    }

    public var psm: PSM?
    public var edrx: EDRX?

    public init(psm: PSM? = nil, edrx: EDRX? = nil) {
        self.psm = psm
        self.edrx = edrx
    }

    /// The requests the configuring step adds, in order.
    var requests: [ModemLifecycleStateMachine.Request] {
        var requests: [ModemLifecycleStateMachine.Request] = []
        if let psm { requests.append(.requestPSM(periodicTAU: psm.periodicTAU, activeTime: psm.activeTime)) }
        if let edrx { requests.append(.requestEDRX(edrx.accessType, edrx.value)) }
        return requests
    }
}

/// A power-saving setting that cannot be encoded.
public struct PowerSavingSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { "\(field): \(reason)" }
}

extension ModemLifecycleStateMachine {
    /// Registration reports carry the granted timers: publish them when they change.
    mutating func notePowerSaving(_ registration: Registration, into actions: inout [Action]) {
        guard registration.domain != .circuitSwitched,
              registration.activeTime != nil || registration.periodicUpdate != nil else { return }
        let grant = PowerSavingGrant(activeTime: registration.activeTime, periodicUpdate: registration.periodicUpdate)
        guard grant != powerSavingGrant else { return }
        powerSavingGrant = grant
        actions.append(.publish(.powerSavingGranted(grant)))
    }

    /// A supervised request timed out: with PSM granted that is the modem asleep, not a fault.
    mutating func fellAsleep(into actions: inout [Action]) -> Bool {
        guard powerSavingGrant?.allowsSleep == true else { return false }
        switch state {
        case .connected(let addresses): enter(.sleeping(addresses: addresses), into: &actions)
        case .registered: enter(.sleeping(addresses: nil), into: &actions)
        default: return false
        }
        return true
    }

    /// Starts the probe and the deadline of a sleep.
    mutating func startSleeping(into actions: inout [Action]) {
        consecutiveTimeouts = 0
        startTimer(.wakeProbe, configuration.sleepProbeInterval, into: &actions)
        let tau = powerSavingGrant?.periodicUpdate?.duration ?? .seconds(3600)
        startTimer(.wakeDeadline, tau + configuration.wakeGrace, into: &actions)
    }

    /// The modem answered (or printed a URC): back to where it fell asleep.
    mutating func wake(into actions: inout [Action]) {
        guard case .sleeping(let addresses) = state else { return }
        enter(addresses.map { .connected($0) } ?? .registered, into: &actions)
    }

    /// A request finished while asleep: an answer wakes, silence is expected.
    mutating func completedAsleep(_ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        switch result {
        case .success: wake(into: &actions)
        case .failure(.modemRebooted): recover(.rebooted, into: &actions)
        case .failure: consecutiveTimeouts = 0
        }
    }
}
