import ATCodec
import ModemCore

typealias Lifecycle = ModemLifecycleStateMachine

/// Drives a ``ModemLifecycleStateMachine`` event by event, remembering the id of the request
/// it is waiting on so a test can answer it.
struct LifecycleTranscript {
    var machine: Lifecycle
    var lastID: UInt64 = 0

    init(_ configuration: Lifecycle.Configuration = LifecycleTranscript.configuration()) {
        machine = Lifecycle(configuration: configuration)
    }

    /// Backoff without jitter (1 s, 2 s, 4 s...), so transcripts give exact timers.
    static func configuration(
        pin: String? = nil, allowRoaming: Bool = true, session: DataSessionSettings = DataSessionSettings()
    ) -> Lifecycle.Configuration {
        Lifecycle.Configuration(
            simAttempts: 3, pin: pin, allowRoaming: allowRoaming, dataSession: session,
            backoff: .init(initial: .seconds(1), maximum: .seconds(8), jitter: 0)
        )
    }

    var state: Lifecycle.State { machine.state }

    @discardableResult
    mutating func handle(_ event: Lifecycle.Event) -> [Lifecycle.Action] {
        let actions = machine.handle(event)
        for case .send(let id, _) in actions { lastID = id }
        return actions
    }

    /// Answers the request in flight.
    @discardableResult
    mutating func reply(_ reply: Lifecycle.Reply) -> [Lifecycle.Action] {
        handle(.completed(id: lastID, .success(reply)))
    }

    @discardableResult
    mutating func fail(_ failure: Lifecycle.RequestFailure) -> [Lifecycle.Action] {
        handle(.completed(id: lastID, .failure(failure)))
    }

    @discardableResult
    mutating func urc(_ line: String) -> [Lifecycle.Action] {
        handle(.urcReceived(line))
    }

    /// Only the requests among `actions`.
    static func requests(_ actions: [Lifecycle.Action]) -> [Lifecycle.Request] {
        actions.compactMap { if case .send(_, let request) = $0 { request } else { nil } }
    }

    static let identity = ModemIdentity(manufacturer: "Quectel", model: "BG96", firmware: "BG96MAR02A07M1G")
    static let home = "+CEREG: 1,\"1A2B\",\"01A2D001\",8"
    static let address = IPAddress("10.64.1.2")!

    /// From `started` to the first `+CPIN?`: probe, configuration, identity.
    static func atSIM(_ configuration: Lifecycle.Configuration) -> LifecycleTranscript {
        var t = LifecycleTranscript(configuration)
        t.handle(.started)
        t.reply(.ok)
        for _ in t.machine.configurationRequests { t.reply(.ok) }
        t.reply(.identity(identity))
        return t
    }

    /// From `started` to `awaitingRegistration`: probe, configuration, identity, SIM ready.
    mutating func bootToRegistration() {
        handle(.started)
        reply(.ok)                                   // AT
        for _ in machine.configurationRequests { reply(.ok) }
        reply(.identity(Self.identity))
        reply(.sim(.ready))
    }

    /// From `started` to `connected` over a home registration read.
    mutating func bringUp() {
        bootToRegistration()
        reply(.registration(try! Registration.parse("+CEREG: 3,1,\"1A2B\",\"01A2D001\",8", form: .read)))
        reply(.ok)                                   // +CGATT=1
        reply(.ok)                                   // +CGDCONT
        reply(.ok)                                   // +CGACT=1,1
        reply(.addresses([Self.address]))
        reply(.networkOperator(name: "Virtual", technology: AccessTechnology(code: 8)))
        reply(.signal(rssiDBm: -71))
    }
}
