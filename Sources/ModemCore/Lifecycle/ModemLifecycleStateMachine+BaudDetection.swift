import ATCodec

extension ModemLifecycleStateMachine {
    /// Optional baud detection: when `AT` gets no answer at the configured rate, each candidate
    /// rate is tried with a few `AT`s (a modem that autobauds locks on only after one or two),
    /// and the first that answers `OK` is kept.
    ///
    ///     (probing at 115200: 5 × AT, no answer)
    ///     .setBaudRate(9600)  → .baudRateChanged(9600)  → AT  ← OK
    ///     publish(.baudRateDetected(9600))               → ATE0 ... (AT+IPR=9600 first with fixRate)
    public struct BaudDetection: Sendable, Hashable {
        /// Rates modules ship at or autobaud to, most common first.
        public static let commonRates = [115_200, 9600, 57_600, 38_400, 19_200, 230_400, 460_800, 921_600]

        /// Tried in order, skipping the rate probing just failed at.
        public var candidates: [Int]
        /// `AT`s at each candidate before moving on.
        public var probesPerRate: Int
        /// Send `AT+IPR=<rate>` once detected, so the modem stops autobauding. Off unless the
        /// user asks: it changes a setting some modems keep across power cycles.
        public var fixRate: Bool

        public init(candidates: [Int] = BaudDetection.commonRates, probesPerRate: Int = 3, fixRate: Bool = false) {
            var seen = Set<Int>()
            self.candidates = candidates.filter { $0 > 0 && seen.insert($0).inserted }
            self.probesPerRate = max(1, probesPerRate)
            self.fixRate = fixRate
        }
    }

    /// Probing at the current rate ran out of attempts: detect, or give up with backoff.
    mutating func probingFailed(into actions: inout [Action]) {
        detectionOrigin = baudRate
        triedBaudRates = baudRate.map { [$0] } ?? []
        guard let first = detectionCandidates.first else { return probingGaveUp(into: &actions) }
        enter(.detectingBaud(rate: first, attempt: 1), into: &actions)
    }

    /// The candidates of this detection round, without the rate it started from.
    var detectionCandidates: [Int] {
        (configuration.baudDetection?.candidates ?? []).filter { $0 != detectionOrigin }
    }

    /// The answer to a probe at a candidate rate.
    mutating func detectionProbed(rate: Int, attempt: Int, _ result: Result<Reply, RequestFailure>, into actions: inout [Action]) {
        if case .success = result {
            detectedBaudRate = rate
            actions.append(.publish(.baudRateDetected(rate)))
            return enter(.configuring(step: 0), into: &actions)
        }
        if attempt < (configuration.baudDetection?.probesPerRate ?? 1) {
            return enter(.detectingBaud(rate: rate, attempt: attempt + 1), into: &actions)
        }
        tryRate(after: rate, into: &actions)
    }

    /// The transport switched (or could not): probe there, or move on.
    mutating func baudRateChanged(_ rate: Int, failure: String?, into actions: inout [Action]) {
        guard failure == nil else {
            guard case .detectingBaud(rate, 1) = state else { return }
            return tryRate(after: rate, into: &actions)
        }
        baudRate = rate
        guard case .detectingBaud(rate, 1) = state else { return }
        triedBaudRates.append(rate)
        send(.probe, into: &actions)
    }

    private mutating func tryRate(after rate: Int, into actions: inout [Action]) {
        let candidates = detectionCandidates
        if let index = candidates.firstIndex(of: rate), index + 1 < candidates.count {
            return enter(.detectingBaud(rate: candidates[index + 1], attempt: 1), into: &actions)
        }
        probingGaveUp(into: &actions)
    }

    /// No `OK` anywhere: say so (typed), go back to the configured rate, recover with backoff.
    private mutating func probingGaveUp(into actions: inout [Action]) {
        let failure = ProbeFailure(baudRates: triedBaudRates, detectionEnabled: configuration.baudDetection != nil)
        actions.append(.publish(.probeFailed(failure)))
        if let origin = detectionOrigin, origin != baudRate, configuration.baudDetection != nil {
            actions.append(.setBaudRate(origin))
        }
        recover(.unresponsive, into: &actions)
    }
}

/// The modem answered no `AT`: at which rates it was asked, and whether detection was on.
///
///     the modem did not answer AT at 115200 bit/s; if it runs at another rate, turn baud
///     detection on (--detect-baud) or give its rate (--baud)
public struct ProbeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rates probed, in order; empty when the transport has no line speed (TCP).
    public var baudRates: [Int]
    public var detectionEnabled: Bool

    public init(baudRates: [Int], detectionEnabled: Bool) {
        self.baudRates = baudRates
        self.detectionEnabled = detectionEnabled
    }

    public var description: String {
        let rates = baudRates.isEmpty ? "" : " at " + baudRates.map(String.init).joined(separator: ", ") + " bit/s"
        if detectionEnabled || baudRates.isEmpty {
            return "the modem did not answer AT\(rates); check that it is powered, the port and the wiring"
        }
        return "the modem did not answer AT\(rates); if it runs at another rate, turn baud detection on (--detect-baud) or give its rate (--baud)"
    }
}
