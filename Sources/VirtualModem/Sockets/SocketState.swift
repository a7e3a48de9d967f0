/// The modem's sockets, as its dialect numbers them, and the real sockets behind them.
struct SocketState: Sendable, Equatable {
    /// Sockets open or opening.
    var openCount: Int { 0 }
}

extension VirtualModem {
    static func registerSockets(into table: inout [String: HandlerTable.Handler], dialect: VirtualModemProfile.Dialect) {}

    /// Closes every socket (reset, radio off); `notify` prints the dialect's close URCs.
    mutating func closeAllSockets(notify: Bool) {}

    /// A PDP context went down: the dialect's sockets on it close and its URC is printed.
    mutating func contextDeactivated(_ cid: Int, byNetwork: Bool) {}

    mutating func handleSocketEvent(_ event: SocketEvent) {}

    /// The remote end of the dialect's socket `number` closed.
    mutating func remoteClosed(socket number: Int) {}
}
