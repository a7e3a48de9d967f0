/// Joins concatenated SMS-DELIVER parts (TS 23.040 §9.2.3.24.1) into messages: a pure state
/// machine keyed by (originator, reference, total). Parts may come in any order and interleaved
/// from several senders; duplicates are ignored; a message still incomplete `timeout` after its
/// first part is delivered marked incomplete with the missing part numbers; at most
/// `maxPendingMessages` are held (the oldest is delivered incomplete to make room).
///
/// Time is a value the caller passes in (any monotonic origin, e.g. the engine's start), never read.
///
///     var reassembler = SMSReassembler(configuration: .init(timeout: .seconds(600)))
///     reassembler.handle(.partReceived(part2, at: .seconds(1)))   // [.startTimer(at: .seconds(601))]
///     reassembler.handle(.partReceived(part1, at: .seconds(2)))   // [.deliver(message), .cancelTimer]
///     reassembler.handle(.timerFired(at: .seconds(601)))          // [] (nothing pending)
public struct SMSReassembler: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var timeout: Duration
        public var maxPendingMessages: Int

        public init(timeout: Duration = .seconds(600), maxPendingMessages: Int = 64) {
            self.timeout = timeout
            self.maxPendingMessages = max(1, maxPendingMessages)
        }
    }

    public struct Key: Sendable, Hashable {
        public var originator: SMSAddress
        public var reference: UInt16
        public var total: UInt8
    }

    /// A message handed to the application.
    public struct Message: Sendable, Hashable {
        public var originator: SMSAddress
        /// `nil` for a message that was not concatenated.
        public var key: Key?
        /// The parts received, by sequence number.
        public var parts: [SMSDeliver]
        /// Sequence numbers (1-based) that never arrived; empty when complete.
        public var missingParts: [Int]
        public var isComplete: Bool { missingParts.isEmpty }

        /// The text of the text parts, in order (missing parts leave no mark). A UTF-16 surrogate
        /// pair that the sender cut between two consecutive UCS-2 parts is joined again.
        public var text: String {
            var result = ""
            var previous: (userData: SMSUserData, sequence: Int)? = nil
            for part in parts {
                guard var text = part.userData.text else { continue }
                let sequence = Int(part.userData.header?.concatenation?.sequence ?? 0)
                if let previous, previous.sequence + 1 == sequence,
                   let high = previous.userData.edgeSurrogates.trailingHigh, let low = part.userData.edgeSurrogates.leadingLow,
                   let scalar = Unicode.Scalar(0x10000 + (UInt32(high) - 0xD800) << 10 + (UInt32(low) - 0xDC00)) {
                    // Both halves were shown as U+FFFD: put the character back in their place.
                    result.unicodeScalars.removeLast()
                    text.unicodeScalars.removeFirst()
                    result.unicodeScalars.append(scalar)
                }
                result += text
                previous = (part.userData, sequence)
            }
            return result
        }

        /// The 8-bit data of the data parts, in order.
        public var data: [UInt8] {
            parts.flatMap { part -> [UInt8] in
                if case .data(let bytes) = part.userData.body { return bytes }
                return []
            }
        }
    }

    public enum Event: Sendable {
        case partReceived(SMSDeliver, at: Duration)
        case timerFired(at: Duration)
    }

    public enum Action: Sendable, Hashable {
        case deliver(Message)
        /// The same (key, sequence) arrived twice; the later copy was dropped.
        case ignoredDuplicate(Key, sequence: Int)
        /// Wake the machine with `timerFired` at this time (replaces any earlier request).
        case startTimer(at: Duration)
        /// Nothing is pending any more; no timer is needed.
        case cancelTimer
    }

    private struct Pending: Sendable {
        var firstSeen: Duration
        var parts: [UInt8: SMSDeliver]
    }

    public let configuration: Configuration
    private var pending: [Key: Pending] = [:]
    /// Keys in arrival order of their first part, for eviction.
    private var order: [Key] = []
    private var timer: Duration?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Messages waiting for more parts.
    public var pendingCount: Int { pending.count }

    public mutating func handle(_ event: Event) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .timerFired(let now):
            expire(now: now, into: &actions)
        case .partReceived(let part, let now):
            expire(now: now, into: &actions)
            receive(part, now: now, into: &actions)
        }
        let deadline = order.first.flatMap { pending[$0] }.map { $0.firstSeen + configuration.timeout }
        if deadline != timer {
            actions.append(deadline.map { .startTimer(at: $0) } ?? .cancelTimer)
            timer = deadline
        }
        return actions
    }

    private mutating func receive(_ part: SMSDeliver, now: Duration, into actions: inout [Action]) {
        // A missing, zero or out-of-range concatenation element: the part is a message of its own
        // (§9.2.3.24.1: "the IE shall be ignored").
        guard let (reference, total, sequence) = part.userData.header?.concatenation,
              total > 1, sequence >= 1, sequence <= total else {
            actions.append(.deliver(Message(originator: part.originator, key: nil, parts: [part], missingParts: [])))
            return
        }
        let key = Key(originator: part.originator, reference: reference, total: total)
        if var entry = pending[key] {
            guard entry.parts[sequence] == nil else {
                actions.append(.ignoredDuplicate(key, sequence: Int(sequence)))
                return
            }
            entry.parts[sequence] = part
            pending[key] = entry
        } else {
            if pending.count >= configuration.maxPendingMessages, let oldest = order.first {
                finish(oldest, into: &actions)
            }
            pending[key] = Pending(firstSeen: now, parts: [sequence: part])
            order.append(key)
        }
        if pending[key]?.parts.count == Int(total) { finish(key, into: &actions) }
    }

    private mutating func expire(now: Duration, into actions: inout [Action]) {
        while let oldest = order.first, let entry = pending[oldest], entry.firstSeen + configuration.timeout <= now {
            finish(oldest, into: &actions)
        }
    }

    private mutating func finish(_ key: Key, into actions: inout [Action]) {
        guard let entry = pending.removeValue(forKey: key) else { return }
        order.removeAll { $0 == key }
        let sequences = entry.parts.keys.sorted()
        let missing = (1...Int(key.total)).filter { entry.parts[UInt8($0)] == nil }
        actions.append(.deliver(Message(
            originator: key.originator, key: key, parts: sequences.compactMap { entry.parts[$0] }, missingParts: missing
        )))
    }
}
