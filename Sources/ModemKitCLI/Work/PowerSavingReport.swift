import ATCodec
import ModemCore

/// What `modemkit psm` prints: the timers requested (from the command line or `AT+CPSMS?`)
/// and those the network granted (from `+CEREG`), each as its octet and decoded.
///
///     requested: periodic TAU 1 h (00000110), active time 10 s (00000101)
///     granted: periodic TAU 1 h (00000110), active time 10 s (00000101)
struct PowerSavingReport: Encodable, Sendable {
    struct Timer: Encodable, Sendable, Equatable {
        var bits: String
        /// `nil` when the timer is deactivated.
        var seconds: Int64?

        init(_ timer: GPRSTimer) {
            bits = timer.bits
            seconds = timer.duration?.components.seconds
        }
    }

    struct Timers: Encodable, Sendable, Equatable {
        var enabled: Bool
        var periodicTAU: Timer?
        var activeTime: Timer?
    }

    let requestedTimers: CPSMS.Setting?
    let grantedTimers: PowerSavingGrant?
    let edrxValue: CEDRXS.Value?

    init(requested: CPSMS.Setting?, granted: PowerSavingGrant?, edrx: CEDRXS.Value? = nil) {
        requestedTimers = requested
        grantedTimers = granted
        edrxValue = edrx
    }

    private enum CodingKeys: String, CodingKey { case requested, granted, edrx }

    /// `{"edrx":"0101","granted":{…},"requested":{"activeTime":{"bits":"00000101","seconds":10},"enabled":true,"periodicTAU":{…}}}`
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(requestedTimers.map {
            Timers(enabled: $0.enabled, periodicTAU: $0.periodicTAU.map(Timer.init), activeTime: $0.activeTime.map(Timer.init))
        }, forKey: .requested)
        try container.encodeIfPresent(grantedTimers.map {
            Timers(enabled: $0.allowsSleep, periodicTAU: $0.periodicUpdate.map(Timer.init), activeTime: $0.activeTime.map(Timer.init))
        }, forKey: .granted)
        try container.encodeIfPresent(edrxValue?.bits, forKey: .edrx)
    }

    var humanLines: [String] {
        var lines: [String] = []
        if let setting = requestedTimers {
            let timers = [setting.periodicTAU.map { "periodic TAU " + ConnectRun.describe($0) },
                          setting.activeTime.map { "active time " + ConnectRun.describe($0) }].compactMap { $0 }
            lines.append("requested: " + (setting.enabled ? (timers.isEmpty ? "PSM on, default timers" : timers.joined(separator: ", ")) : "PSM off"))
        }
        if let edrxValue { lines.append("requested eDRX: \(edrxValue)") }
        if let grantedTimers {
            let text = ConnectRun.describe(grantedTimers)
            lines.append("granted: " + (grantedTimers.allowsSleep ? text : "no PSM (\(text))"))
        } else {
            lines.append("granted: nothing reported by the network")
        }
        return lines
    }
}

extension PowerSavingGrant {
    /// The timers of a registration report, if it carried any.
    init?(_ registration: Registration) {
        guard registration.activeTime != nil || registration.periodicUpdate != nil else { return nil }
        self.init(activeTime: registration.activeTime, periodicUpdate: registration.periodicUpdate)
    }
}
