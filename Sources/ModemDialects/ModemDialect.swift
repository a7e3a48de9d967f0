import ATCodec

/// What is particular to one family of modems at the AT level: its URCs (with the lines and
/// raw payloads that follow them), its vendor finals, and how to recognise it.
///
/// The socket and lifecycle specifics of each vendor build on this in later layers; this type
/// carries only what the engine needs to classify every line correctly.
///
///     let client = ATClient(transport: t, configuration: .init(urcs: ModemDialect.quectel.urcs))
///     // ← +QIURC: "recv",0,4\r\n test   → one URC "+QIURC" with payload "test"
public struct ModemDialect: Sendable {
    /// A stable identifier: `generic`, `simcom-sim800`, `simcom-sim7600`, `quectel`, `ublox`.
    public var name: String
    /// Vendor URCs, on top of ``URCRegistry/standard``.
    public var vendorURCs: [URCDescriptor]
    /// Finals any command may end with on this family.
    public var finals: [ATFinalPattern]

    public init(name: String, vendorURCs: [URCDescriptor], finals: [ATFinalPattern] = []) {
        self.name = name
        self.vendorURCs = vendorURCs
        self.finals = finals
    }

    /// The standard registry plus this dialect's URCs (which take precedence).
    public var urcs: URCRegistry {
        var registry = URCRegistry.standard
        registry.register(contentsOf: vendorURCs)
        return registry
    }

    /// A classifier for this dialect.
    public var classifier: ATLineClassifier {
        ATLineClassifier(urcs: urcs, dialectFinals: finals)
    }

    /// Every dialect this library knows.
    public static let all: [ModemDialect] = [.generic, .simcomSIM800, .simcomSIM7600, .quectel, .ublox]

    /// The dialect with this name, if any.
    public static func named(_ name: String) -> ModemDialect? {
        all.first { $0.name == name.lowercased() }
    }

    /// Picks the dialect from what `AT+CGMI` and `AT+CGMM` print.
    ///
    ///     detect(manufacturer: "SIMCOM_Ltd", model: "SIMCOM_SIM800L")  → simcom-sim800
    ///     detect(manufacturer: "SIMCOM INCORPORATED", model: "SIMCOM_SIM7600E-H") → simcom-sim7600
    ///     detect(manufacturer: "Quectel", model: "BG96")               → quectel
    ///     detect(manufacturer: "u-blox", model: "SARA-R410M-02B")      → ublox
    public static func detect(manufacturer: String, model: String) -> ModemDialect {
        let maker = manufacturer.lowercased()
        let product = model.uppercased()
        if maker.contains("quectel") { return .quectel }
        if maker.contains("u-blox") || maker.contains("ublox") { return .ublox }
        if maker.contains("simcom") || product.hasPrefix("SIM") || product.contains("SIMCOM") {
            let twoG = ["SIM800", "SIM900", "SIM868", "SIM808", "SIM801"]
            return twoG.contains(where: product.contains) ? .simcomSIM800 : .simcomSIM7600
        }
        return .generic
    }
}

extension ModemDialect {
    /// 3GPP only: the standard URCs and finals.
    public static let generic = ModemDialect(
        name: "generic",
        vendorURCs: [],
        finals: [ATFinalPattern(.exact("COMMAND NOT SUPPORT"), success: false)]
    )
}
