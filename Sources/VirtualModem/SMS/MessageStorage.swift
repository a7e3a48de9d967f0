/// One message storage (`SM` on the SIM or `ME` in the modem): numbered slots from 1 to
/// ``capacity``, of which only the used ones take memory.
///
///     var storage = MessageStorage(capacity: 30)
///     storage.store(StoredMessage(status: .receivedUnread, pdu: bytes))   // 1
///     storage.message(at: 1)?.status                                      // .receivedUnread
struct MessageStorage: Sendable, Equatable {
    let capacity: Int
    /// The used slots, by ascending index.
    private(set) var messages: [StoredMessage] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    var used: Int { messages.count }
    var isFull: Bool { messages.count >= capacity }

    func message(at index: Int) -> StoredMessage? {
        messages.first { $0.index == index }
    }

    /// Puts a message in the lowest free slot; `nil` when full.
    mutating func store(_ message: StoredMessage) -> Int? {
        guard !isFull else { return nil }
        var index = 1
        var position = 0
        while position < messages.count, messages[position].index == index {
            index += 1
            position += 1
        }
        var stored = message
        stored.index = index
        messages.insert(stored, at: position)
        return index
    }

    mutating func update(at index: Int, _ change: (inout StoredMessage) -> Void) {
        guard let position = messages.firstIndex(where: { $0.index == index }) else { return }
        change(&messages[position])
    }

    /// Deletes the message at `index`; deleting an empty slot does nothing.
    mutating func delete(at index: Int) {
        messages.removeAll { $0.index == index }
    }

    /// Deletes every message whose status is in `statuses` (`+CMGD=1,n` flags).
    mutating func delete(where statuses: Set<StoredMessage.Status>) {
        messages.removeAll { statuses.contains($0.status) }
    }
}

/// A stored message: its `<stat>` and its PDU as a modem prints it (SMSC address, then the TPDU).
struct StoredMessage: Sendable, Equatable {
    /// `<stat>` of TS 27.005 §3.1, numeric in PDU mode and as text in text mode.
    enum Status: Int, Sendable, Equatable, CaseIterable {
        case receivedUnread = 0
        case receivedRead = 1
        case storedUnsent = 2
        case storedSent = 3

        var text: String {
            switch self {
            case .receivedUnread: "REC UNREAD"
            case .receivedRead: "REC READ"
            case .storedUnsent: "STO UNSENT"
            case .storedSent: "STO SENT"
            }
        }

        /// Whether the PDU is one the modem received (SMS-DELIVER, SMS-STATUS-REPORT) rather
        /// than one to send (SMS-SUBMIT).
        var isReceived: Bool { self == .receivedUnread || self == .receivedRead }
    }

    var index = 0
    var status: Status
    var pdu: [UInt8]

    init(status: Status, pdu: [UInt8]) {
        self.status = status
        self.pdu = pdu
    }
}
