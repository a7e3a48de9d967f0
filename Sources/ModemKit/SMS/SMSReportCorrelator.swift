import SMSPDU

/// Matches status reports to sent parts by TP-Message-Reference and recipient (TS 23.040
/// §9.2.3.6). References are 0...255 and wrap, so a newer part with the same reference replaces
/// the older one (whose report, if it ever comes, is indistinguishable); at most `capacity`
/// parts wait, the oldest forgotten first. Pure: no clock, no I/O.
///
///     var correlator = SMSReportCorrelator()
///     correlator.sent(.init(reference: 255, recipient: "+4477", part: 1, of: 2))
///     correlator.sent(.init(reference: 0, recipient: "+4477", part: 2, of: 2))   // wrapped
///     correlator.match(reference: 0, recipient: "+4477")   // part 2 of 2
public struct SMSReportCorrelator: Sendable {
    /// One part waiting for its report.
    public struct SentPart: Sendable, Hashable {
        public var reference: Int
        public var recipient: String
        public var part: Int
        public var of: Int

        public init(reference: Int, recipient: String, part: Int, of: Int) {
            self.reference = reference
            self.recipient = recipient
            self.part = part
            self.of = of
        }
    }

    public let capacity: Int
    private var waiting: [Int: SentPart] = [:]
    private var order: [Int] = []

    public init(capacity: Int = 256) { self.capacity = max(1, min(capacity, 256)) }

    public var waitingCount: Int { waiting.count }

    public mutating func sent(_ part: SentPart) {
        let reference = part.reference & 0xFF
        order.removeAll { $0 == reference }
        waiting[reference] = part
        order.append(reference)
        while order.count > capacity { waiting.removeValue(forKey: order.removeFirst()) }
    }

    /// The part a report answers, removed unless the report is not final (TP-ST 0x20...0x3F:
    /// the SMSC still tries). Recipients compare by their last digits, since SMSCs rewrite
    /// international numbers (`+4477...` vs `077...`).
    public mutating func match(reference: Int, recipient: String, final: Bool = true) -> SentPart? {
        let reference = reference & 0xFF
        guard let part = waiting[reference], Self.sameNumber(part.recipient, recipient) else { return nil }
        if final {
            waiting.removeValue(forKey: reference)
            order.removeAll { $0 == reference }
        }
        return part
    }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        let da = a.filter(\.isNumber), db = b.filter(\.isNumber)
        guard !da.isEmpty, !db.isEmpty else { return a == b }
        let tail = min(9, da.count, db.count)
        return da.suffix(tail) == db.suffix(tail)
    }
}
