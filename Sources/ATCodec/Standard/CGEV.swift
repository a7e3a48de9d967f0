/// A packet-domain event reported by the `+CGEV` URC (TS 27.007 §10.1.19, enabled with
/// `AT+CGEREP`). `ME` events are started by the modem, `NW` events by the network.
public enum PacketDomainEvent: Sendable, Hashable {
    /// Who started the event.
    public enum Initiator: Sendable, Hashable {
        /// `ME`: the modem (or its user).
        case modem
        /// `NW`: the network.
        case network
    }

    /// `ME PDN ACT <cid>[,<reason>[,<cid_other>]]`, `NW PDN ACT <cid>`, or the older
    /// `PDN ACT <cid>` (no initiator). `<reason>` says why only one address type was granted.
    case pdnActivated(cid: Int, by: Initiator?, reason: Int?, otherCID: Int?)
    /// `ME PDN DEACT <cid>`, `NW PDN DEACT <cid>`, or the older `PDN DEACT <cid>`.
    case pdnDeactivated(cid: Int, by: Initiator?)
    /// `NW DEACT <PDP_type>,<PDP_addr>[,<cid>]` or `ME DEACT ...`: a context was deactivated.
    case contextDeactivated(by: Initiator, type: PDPType, address: String?, cid: Int?)
    /// `NW REACT <PDP_type>,<PDP_addr>[,<cid>]`: the network reactivated a context.
    case contextReactivated(type: PDPType, address: String?, cid: Int?)
    /// `NW ACT <p_cid>,<cid>,<event_type>` or `ME ACT ...`: a secondary context (dedicated bearer).
    case bearerActivated(by: Initiator, primaryCID: Int, cid: Int, eventType: Int)
    /// `NW DEACT <p_cid>,<cid>,<event_type>` or `ME DEACT ...` (numbers, not a PDP type).
    case bearerDeactivated(by: Initiator, primaryCID: Int, cid: Int, eventType: Int)
    /// `NW MODIFY <cid>,<change_reason>,<event_type>` or `ME MODIFY ...`.
    case modified(by: Initiator, cid: Int, changeReason: Int, eventType: Int)
    /// `NW DETACH` or `ME DETACH`.
    case detached(by: Initiator)
    /// `NW CLASS <class>` or `ME CLASS <class>`: the mobile class changed (`"B"`, `"CG"`).
    case classChanged(by: Initiator, mobileClass: String?)
    /// `REJECT <PDP_type>,<PDP_addr>`: a network activation request was rejected.
    case rejected(type: PDPType?, address: String?)
    /// An event this parser does not know, the text after `+CGEV: ` kept as printed.
    case other(String)
}

/// Packet-domain event reporting, TS 27.007 §10.1.19.
public enum CGEV {
    public static let name = "+CGEV"

    /// Parses `+CGEV:` URCs.
    ///
    ///     ← +CGEV: ME PDN ACT 1,0      → .pdnActivated(cid: 1, by: .modem, reason: 0, otherCID: nil)
    ///     ← +CGEV: NW DETACH           → .detached(by: .network)
    ///     ← +CGEV: NW DEACT "IP","10.0.0.1",1
    ///
    /// An unknown event is ``PacketDomainEvent/other(_:)``; a known one with malformed
    /// parameters is an error carrying the line.
    public enum Unsolicited {
        private typealias Event = PacketDomainEvent

        /// Keywords, longest first so `NW PDN DEACT` wins over `NW DEACT`.
        private static let keywords = [
            "ME PDN ACT", "NW PDN ACT", "ME PDN DEACT", "NW PDN DEACT", "PDN ACT", "PDN DEACT",
            "NW REACT", "NW DEACT", "ME DEACT", "NW ACT", "ME ACT", "NW MODIFY", "ME MODIFY",
            "NW DETACH", "ME DETACH", "NW CLASS", "ME CLASS", "REJECT",
        ]

        public static func parse(_ line: String) throws(ATParseError) -> PacketDomainEvent {
            let body = try StandardParsing.body(of: line, prefix: "+CGEV:", command: CGEV.name)
            let context = ATFieldsContext(command: CGEV.name, line: line)
            guard let keyword = keywords.first(where: { starts(body, with: $0) }) else {
                let text = String(body).trimmingSpaces()
                guard !text.isEmpty else { throw context.error("the event is empty") }
                return .other(text)
            }
            let fields = try StandardParsing.fields(body.dropFirst(keyword.count), context)
            let by: Event.Initiator? = keyword.hasPrefix("ME") ? .modem : keyword.hasPrefix("NW") ? .network : nil
            func number(_ index: Int, _ name: String) throws(ATParseError) -> Int {
                try StandardParsing.count(fields, index, name: name, in: context)
            }
            func optionalNumber(_ index: Int) throws(ATParseError) -> Int? {
                try fields.int(index, in: context)
            }

            switch keyword {
            case "ME PDN ACT":
                return .pdnActivated(cid: try number(0, "<cid>"), by: by, reason: try optionalNumber(1), otherCID: try optionalNumber(2))
            case "NW PDN ACT", "PDN ACT":   // NW's second field is <WLAN_Offload>, not a reason
                return .pdnActivated(cid: try number(0, "<cid>"), by: by, reason: nil, otherCID: nil)
            case "ME PDN DEACT", "NW PDN DEACT", "PDN DEACT":
                return .pdnDeactivated(cid: try number(0, "<cid>"), by: by)
            case "NW DETACH", "ME DETACH":
                return .detached(by: by ?? .network)
            case "NW CLASS", "ME CLASS":
                return .classChanged(by: by ?? .network, mobileClass: StandardParsing.text(fields, 0))
            case "REJECT":
                return .rejected(type: StandardParsing.text(fields, 0).map(PDPType.init(text:)), address: StandardParsing.text(fields, 1))
            case "NW MODIFY", "ME MODIFY":
                return .modified(
                    by: by ?? .network, cid: try number(0, "<cid>"),
                    changeReason: try number(1, "<change_reason>"), eventType: try number(2, "<event_type>")
                )
            case "NW ACT", "ME ACT":
                return .bearerActivated(
                    by: by ?? .network, primaryCID: try number(0, "<p_cid>"), cid: try number(1, "<cid>"),
                    eventType: try number(2, "<event_type>")
                )
            case "NW DEACT", "ME DEACT":
                // Two forms: <PDP_type>,<PDP_addr>[,<cid>] or <p_cid>,<cid>,<event_type>.
                if case .bare(let first) = fields.first, StandardParsing.isDigits(first) {
                    return .bearerDeactivated(
                        by: by ?? .network, primaryCID: try number(0, "<p_cid>"), cid: try number(1, "<cid>"),
                        eventType: try number(2, "<event_type>")
                    )
                }
                return .contextDeactivated(
                    by: by ?? .network, type: PDPType(text: try fields.requiredText(0, in: context)),
                    address: StandardParsing.text(fields, 1), cid: try optionalNumber(2)
                )
            default:   // "NW REACT"
                return .contextReactivated(
                    type: PDPType(text: try fields.requiredText(0, in: context)),
                    address: StandardParsing.text(fields, 1), cid: try optionalNumber(2)
                )
            }
        }

        /// Whether `body` starts with `keyword` as whole words.
        private static func starts(_ body: Substring, with keyword: String) -> Bool {
            guard body.hasPrefix(keyword) else { return false }
            let rest = body.dropFirst(keyword.count)
            return rest.isEmpty || rest.first == " " || rest.first == "\t"
        }
    }
}
