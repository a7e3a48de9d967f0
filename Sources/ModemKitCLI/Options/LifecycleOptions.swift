import ArgumentParser
import ATCodec
import Foundation
import ModemCore

/// What `connect`, `status`, `socket`, `psm set` and `ppp` add to the lifecycle: baud detection
/// and operator selection.
///
///     modemkit connect --device /dev/ttyUSB2 --detect-baud              → AT at 115200, 9600, 57600...
///     modemkit connect --device /dev/ttyUSB2 --operator 26201           → AT+COPS=1,2,"26201"
///     modemkit connect --device /dev/ttyUSB2 --operator 26201 --operator-fallback → AT+COPS=4,2,"26201"
struct LifecycleOptions: ParsableArguments {
    @Flag(name: .customLong("detect-baud"), help: "If the modem does not answer AT at --baud, try the common rates (115200, 9600, 57600, 38400, 19200, 230400, 460800, 921600).")
    var detectBaud = false

    @Option(name: .customLong("baud-candidates"), help: ArgumentHelp("With --detect-baud: the rates to try, in order, comma-separated.", valueName: "rates"))
    var baudCandidates: String?

    @Flag(name: .customLong("fix-baud"), help: "With --detect-baud: store the detected rate in the modem (AT+IPR=<rate>), so it stops autobauding.")
    var fixBaud = false

    @Option(name: .customLong("operator"), help: ArgumentHelp("Register on this network only (manual selection, AT+COPS=1): its PLMN, 5 or 6 digits.", valueName: "plmn"))
    var plmn: String?

    @Flag(name: .customLong("operator-fallback"), help: "With --operator: fall back to automatic selection when that network is not available (AT+COPS=4).")
    var operatorFallback = false

    @Option(name: .customLong("operator-act"), help: ArgumentHelp("With --operator: the access technology, as <AcT> of AT+COPS (0 GSM, 2 UTRAN, 7 E-UTRAN, 8 LTE-M on some modules, 9 NB-IoT).", valueName: "act"))
    var operatorAccessTechnology: Int?

    init() {}

    func validate() throws {
        _ = try detection()
        _ = try selection()
    }

    /// `--detect-baud` (with `--baud-candidates`, `--fix-baud`), or `nil`.
    func detection() throws -> ModemLifecycleStateMachine.BaudDetection? {
        guard detectBaud else {
            if baudCandidates != nil || fixBaud { throw ValidationError("--baud-candidates and --fix-baud need --detect-baud.") }
            return nil
        }
        guard let baudCandidates else { return .init(fixRate: fixBaud) }
        var rates: [Int] = []
        for item in baudCandidates.split(separator: ",", omittingEmptySubsequences: false) {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let rate = Int(text), (300...4_000_000).contains(rate) else {
                throw ValidationError("--baud-candidates: \"\(text)\" is not a rate between 300 and 4000000.")
            }
            rates.append(rate)
        }
        return .init(candidates: rates, fixRate: fixBaud)
    }

    /// `--operator` (with `--operator-fallback`, `--operator-act`), or `nil`: keep the modem's.
    func selection() throws -> OperatorSelection? {
        guard let plmn else {
            if operatorFallback || operatorAccessTechnology != nil {
                throw ValidationError("--operator-fallback and --operator-act need --operator.")
            }
            return nil
        }
        let network: PLMN
        do {
            network = try PLMN(plmn)
        } catch {
            throw ValidationError("--operator: \(error)")
        }
        if let act = operatorAccessTechnology, !(0...13).contains(act) {
            throw ValidationError("--operator-act must be 0...13, not \(act).")
        }
        return .manual(network, operatorAccessTechnology.map { AccessTechnology(code: $0) }, fallback: operatorFallback)
    }

    /// `lifecycle` with these options applied.
    func apply(to lifecycle: inout ModemLifecycleStateMachine.Configuration) throws {
        lifecycle.baudDetection = try detection()
        lifecycle.operatorSelection = try selection()
    }
}
