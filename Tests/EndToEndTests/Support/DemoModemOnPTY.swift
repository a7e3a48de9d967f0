import ModemKitTestSupport
import ModemTransport

/// A ``DemoModem`` answering on the master of a fresh pseudo-terminal; clients open ``path``.
struct DemoModemOnPTY {
    let pair: PseudoTerminalPair
    let modem: DemoModem

    /// The slave path, for `--device` or ``SerialTransport``.
    var path: String { pair.slavePath }

    static func start(_ configuration: DemoModem.Configuration = DemoModem.Configuration()) async throws -> DemoModemOnPTY {
        let pair = try PseudoTerminalPair()
        let modem = DemoModem(transport: pair, configuration: configuration)
        await modem.start()
        return DemoModemOnPTY(pair: pair, modem: modem)
    }

    /// Stops the modem and closes the pseudo-terminal.
    func stop() async {
        await modem.stop()
        await pair.close()
    }
}
