/// What a timer belongs to, so a whole group can be cancelled (a reboot cancels registration,
/// a finished command cancels its timeout).
public enum TimerTag: Sendable, Hashable {
    case none
    case boot
    case sim
    case registration
    case command
    case powerSaving
    case activation
    case sms
    case socket(Int)
    case dataCall
    case scenario
    case fault
}

/// The modem's pending timers, earliest first. Time is whatever the caller says it is.
struct TimerQueue: Sendable {
    struct Timer: Sendable {
        var deadline: Duration
        var sequence: Int
        var tag: TimerTag
        var fire: @Sendable (inout VirtualModem) -> Void
    }

    /// Kept sorted by (deadline, sequence); a modem has a handful of timers at most.
    private var timers: [Timer] = []
    private var sequence = 0

    var nextDeadline: Duration? { timers.first?.deadline }

    mutating func insert(deadline: Duration, tag: TimerTag, _ fire: @escaping @Sendable (inout VirtualModem) -> Void) {
        sequence += 1
        let timer = Timer(deadline: deadline, sequence: sequence, tag: tag, fire: fire)
        var index = timers.endIndex
        while index > timers.startIndex, timers[index - 1].deadline > deadline { index -= 1 }
        timers.insert(timer, at: index)
    }

    mutating func popDue(upTo instant: Duration) -> Timer? {
        guard let first = timers.first, first.deadline <= instant else { return nil }
        return timers.removeFirst()
    }

    mutating func cancel(_ tag: TimerTag) {
        timers.removeAll { $0.tag == tag }
    }

    mutating func cancelAll(except kept: Set<TimerTag> = []) {
        timers.removeAll { !kept.contains($0.tag) }
    }

    func contains(_ tag: TimerTag) -> Bool {
        timers.contains { $0.tag == tag }
    }
}
