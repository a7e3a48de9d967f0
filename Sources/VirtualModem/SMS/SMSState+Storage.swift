/// Storage by `+CPMS` name. `MT` numbers the SIM's slots first (1...SM capacity), then the
/// modem's, and stores in the SIM until it is full.
extension SMSState {
    func capacity(_ name: StorageName) -> Int {
        switch name {
        case .sm: simStorage.capacity
        case .me: modemStorage.capacity
        case .mt: simStorage.capacity + modemStorage.capacity
        }
    }

    func used(_ name: StorageName) -> Int {
        switch name {
        case .sm: simStorage.used
        case .me: modemStorage.used
        case .mt: simStorage.used + modemStorage.used
        }
    }

    func isFull(_ name: StorageName) -> Bool {
        used(name) >= capacity(name)
    }

    /// Whether `index` names a slot of `name` (used or not).
    func isValid(_ index: Int, in name: StorageName) -> Bool {
        index >= 1 && index <= capacity(name)
    }

    func message(at index: Int, in name: StorageName) -> StoredMessage? {
        switch locate(index, in: name) {
        case .sim(let slot): simStorage.message(at: slot)
        case .modem(let slot): modemStorage.message(at: slot)
        case nil: nil
        }
    }

    /// Every message in `name`, numbered in that storage's index space, by index.
    func messages(in name: StorageName) -> [StoredMessage] {
        switch name {
        case .sm: return simStorage.messages
        case .me: return modemStorage.messages
        case .mt:
            let offset = simStorage.capacity
            return simStorage.messages + modemStorage.messages.map { message in
                var numbered = message
                numbered.index += offset
                return numbered
            }
        }
    }

    /// Stores a message; returns its index in `name`, `nil` when full.
    mutating func store(_ message: StoredMessage, in name: StorageName) -> Int? {
        switch name {
        case .sm: return simStorage.store(message)
        case .me: return modemStorage.store(message)
        case .mt:
            if let index = simStorage.store(message) { return index }
            return modemStorage.store(message).map { $0 + simStorage.capacity }
        }
    }

    mutating func update(at index: Int, in name: StorageName, _ change: (inout StoredMessage) -> Void) {
        switch locate(index, in: name) {
        case .sim(let slot): simStorage.update(at: slot, change)
        case .modem(let slot): modemStorage.update(at: slot, change)
        case nil: break
        }
    }

    mutating func delete(at index: Int, in name: StorageName) {
        switch locate(index, in: name) {
        case .sim(let slot): simStorage.delete(at: slot)
        case .modem(let slot): modemStorage.delete(at: slot)
        case nil: break
        }
    }

    mutating func delete(where statuses: Set<StoredMessage.Status>, in name: StorageName) {
        if name != .me { simStorage.delete(where: statuses) }
        if name != .sm { modemStorage.delete(where: statuses) }
    }

    private enum Slot {
        case sim(Int)
        case modem(Int)
    }

    private func locate(_ index: Int, in name: StorageName) -> Slot? {
        guard isValid(index, in: name) else { return nil }
        switch name {
        case .sm: return .sim(index)
        case .me: return .modem(index)
        case .mt: return index <= simStorage.capacity ? .sim(index) : .modem(index - simStorage.capacity)
        }
    }
}
