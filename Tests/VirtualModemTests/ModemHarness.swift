import VirtualModem

/// Drives a virtual modem in tests: type a line, let time pass, read what it printed.
struct ModemHarness {
    var modem: VirtualModem
    var sockets: [SocketRequest] = []

    init(_ configuration: VirtualModemConfiguration = VirtualModemConfiguration(), booted: Bool = true) {
        modem = VirtualModem(configuration: configuration)
        if booted { _ = boot() }
    }

    /// Lets the modem boot and register; returns what it printed.
    mutating func boot() -> String {
        advance(by: .seconds(30))
    }

    /// Lets `duration` pass.
    @discardableResult
    mutating func advance(by duration: Duration) -> String {
        text(modem.advance(to: modem.now + duration))
    }

    /// Types `bytes` now.
    mutating func type(_ bytes: [UInt8]) -> String {
        text(modem.receive(bytes, at: modem.now))
    }

    /// Types a command line ended by CR and returns what came back at once.
    mutating func send(_ line: String) -> String {
        type(Array((line + "\r").utf8))
    }

    /// Injects a network event now and returns what the modem printed.
    mutating func inject(_ event: NetworkEvent) -> String {
        text(modem.inject(event, at: modem.now))
    }

    /// Injects a one-off fault now and returns what the modem printed.
    mutating func inject(_ fault: Fault) -> String {
        text(modem.inject(fault, at: modem.now))
    }

    mutating func text(_ actions: [VirtualModem.Action]) -> String {
        var bytes: [UInt8] = []
        for action in actions {
            switch action {
            case .write(let chunk): bytes += chunk
            case .socket(let request): sockets.append(request)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
