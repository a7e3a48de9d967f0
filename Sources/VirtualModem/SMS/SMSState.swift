/// Message storage, routing settings and the messages waiting for delivery.
struct SMSState: Sendable, Equatable {
    /// Incoming messages that arrived while the modem could not take them (asleep, radio off).
    var held: [NetworkEvent] = []

    /// Messages in all storages.
    var storedCount: Int { 0 }

    /// Forgets what a reset forgets (routing settings, partial sends); stored messages stay.
    mutating func resetVolatile() {}
}

extension VirtualModem {
    static func registerSMS(into table: inout [String: HandlerTable.Handler]) {}

    /// Delivers messages held while asleep.
    mutating func deliverHeldMessages() {
        let held = sms.held
        sms.held.removeAll()
        for event in held { apply(event) }
    }
}

extension VirtualModem {
    /// Hands an incoming message to the SMS layer (storage, `+CMTI`/`+CMT`, `+CUSD`).
    mutating func receiveMessage(_ event: NetworkEvent) {}
}
