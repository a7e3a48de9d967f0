/// The radio access technology `<AcT>` of `+COPS`, `+CREG`, `+CGREG` and `+CEREG`
/// (TS 27.007 §7.3 and §7.2).
///
///     +CEREG: 2,1,"1A2B","01A2D001",9     → .eutranNBS1
///     +COPS: 0,0,"Vodafone.de",7          → .eutran
///
/// Vendor deviation: Quectel BG96 prints 8 for LTE Cat-M1 (`+COPS: 0,0,"AT&T 4G",8`), where the
/// standard's 8 is EC-GSM-IoT; a dialect that knows the modem should reinterpret ``ecGSMIoT``.
public enum AccessTechnology: Sendable, Hashable, CustomStringConvertible {
    case gsm                        // 0
    case gsmCompact                 // 1
    case utran                      // 2
    case gsmEGPRS                   // 3
    case utranHSDPA                 // 4
    case utranHSUPA                 // 5
    case utranHSDPAAndHSUPA         // 6
    case eutran                     // 7
    case ecGSMIoT                   // 8
    case eutranNBS1                 // 9
    case eutraConnectedTo5GCN       // 10
    case nrConnectedTo5GCN          // 11
    case ngRAN                      // 12
    case eutraNRDualConnectivity    // 13
    /// A number the standard does not define (yet).
    case other(Int)

    private static let known: [AccessTechnology] = [
        .gsm, .gsmCompact, .utran, .gsmEGPRS, .utranHSDPA, .utranHSUPA, .utranHSDPAAndHSUPA,
        .eutran, .ecGSMIoT, .eutranNBS1, .eutraConnectedTo5GCN, .nrConnectedTo5GCN, .ngRAN,
        .eutraNRDualConnectivity,
    ]

    /// The technology for an `<AcT>` number.
    public init(code: Int) {
        self = AccessTechnology.known.indices.contains(code) ? AccessTechnology.known[code] : .other(code)
    }

    /// The `<AcT>` number.
    public var code: Int {
        if case .other(let code) = self { return code }
        return AccessTechnology.known.firstIndex(of: self) ?? -1
    }

    public var description: String {
        switch self {
        case .gsm: "GSM"
        case .gsmCompact: "GSM Compact"
        case .utran: "UTRAN"
        case .gsmEGPRS: "GSM w/EGPRS"
        case .utranHSDPA: "UTRAN w/HSDPA"
        case .utranHSUPA: "UTRAN w/HSUPA"
        case .utranHSDPAAndHSUPA: "UTRAN w/HSDPA and HSUPA"
        case .eutran: "E-UTRAN"
        case .ecGSMIoT: "EC-GSM-IoT"
        case .eutranNBS1: "E-UTRAN (NB-S1)"
        case .eutraConnectedTo5GCN: "E-UTRA connected to 5GCN"
        case .nrConnectedTo5GCN: "NR connected to 5GCN"
        case .ngRAN: "NG-RAN"
        case .eutraNRDualConnectivity: "E-UTRA-NR dual connectivity"
        case .other(let code): "AcT \(code)"
        }
    }
}
