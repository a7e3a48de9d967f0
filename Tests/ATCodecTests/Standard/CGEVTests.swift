import Testing
@testable import ATCodec

@Suite("CGEV")
struct CGEVTests {
    typealias S = StandardTestSupport

    static let events: [StandardCase<PacketDomainEvent>] = [
        StandardCase("TS 27.007 §10.1.19 (BG96, SARA-R4)", "+CGEV: ME PDN ACT 1",
                 .pdnActivated(cid: 1, by: .modem, reason: nil, otherCID: nil)),
        StandardCase("IPv4 only granted (reason 0)", "+CGEV: ME PDN ACT 1,0",
                 .pdnActivated(cid: 1, by: .modem, reason: 0, otherCID: nil)),
        StandardCase("single address bearers, other cid", "+CGEV: ME PDN ACT 1,3,2",
                 .pdnActivated(cid: 1, by: .modem, reason: 3, otherCID: 2)),
        StandardCase("network-activated PDN (WLAN_Offload ignored)", "+CGEV: NW PDN ACT 2,1",
                 .pdnActivated(cid: 2, by: .network, reason: nil, otherCID: nil)),
        StandardCase("older form without initiator", "+CGEV: PDN ACT 1", .pdnActivated(cid: 1, by: nil, reason: nil, otherCID: nil)),
        StandardCase("network deactivated the PDN", "+CGEV: NW PDN DEACT 1", .pdnDeactivated(cid: 1, by: .network)),
        StandardCase("modem deactivated the PDN", "+CGEV: ME PDN DEACT 1", .pdnDeactivated(cid: 1, by: .modem)),
        StandardCase("older form without initiator", "+CGEV: PDN DEACT 3", .pdnDeactivated(cid: 3, by: nil)),
        StandardCase("modem detach", "+CGEV: ME DETACH", .detached(by: .modem)),
        StandardCase("network detach", "+CGEV: NW DETACH", .detached(by: .network)),
        StandardCase("context deactivated by the network", "+CGEV: NW DEACT \"IP\",\"10.0.0.1\",1",
                 .contextDeactivated(by: .network, type: .ip, address: "10.0.0.1", cid: 1)),
        StandardCase("context deactivated by the modem, no cid", "+CGEV: ME DEACT \"IPV6\",\"\"",
                 .contextDeactivated(by: .modem, type: .ipv6, address: nil, cid: nil)),
        StandardCase("dedicated bearer deactivated", "+CGEV: NW DEACT 1,2,0",
                 .bearerDeactivated(by: .network, primaryCID: 1, cid: 2, eventType: 0)),
        StandardCase("dedicated bearer activated", "+CGEV: NW ACT 1,2,1",
                 .bearerActivated(by: .network, primaryCID: 1, cid: 2, eventType: 1)),
        StandardCase("modem activated a secondary context", "+CGEV: ME ACT 1,3,0",
                 .bearerActivated(by: .modem, primaryCID: 1, cid: 3, eventType: 0)),
        StandardCase("network modify", "+CGEV: NW MODIFY 1,0,0", .modified(by: .network, cid: 1, changeReason: 0, eventType: 0)),
        StandardCase("modem modify", "+CGEV: ME MODIFY 2,4,1", .modified(by: .modem, cid: 2, changeReason: 4, eventType: 1)),
        StandardCase("network reactivation", "+CGEV: NW REACT \"IP\",\"10.0.0.1\",1",
                 .contextReactivated(type: .ip, address: "10.0.0.1", cid: 1)),
        StandardCase("rejected activation", "+CGEV: REJECT \"IP\",\"10.0.0.1\"", .rejected(type: .ip, address: "10.0.0.1")),
        StandardCase("class change", "+CGEV: NW CLASS \"B\"", .classChanged(by: .network, mobileClass: "B")),
        StandardCase("class change without a class", "+CGEV: NW CLASS", .classChanged(by: .network, mobileClass: nil)),
        StandardCase("modem class change", "+CGEV: ME CLASS \"CG\"", .classChanged(by: .modem, mobileClass: "CG")),
        StandardCase("unknown event kept", "+CGEV: EPS PDN ACT 1", .other("EPS PDN ACT 1")),
        StandardCase("prefix of a keyword is not the keyword", "+CGEV: NW DETACHED", .other("NW DETACHED")),
        StandardCase("no space after the colon", "+CGEV:ME DETACH", .detached(by: .modem)),
    ]

    @Test("CGEV.Unsolicited parses", arguments: events)
    func parses(_ c: StandardCase<PacketDomainEvent>) throws {
        #expect(try CGEV.Unsolicited.parse(c.line) == c.expected)
    }

    static let malformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("cid not a number", "+CGEV: ME PDN ACT x"),
        StandardMalformedCase("cid missing", "+CGEV: NW PDN DEACT"),
        StandardMalformedCase("event type missing", "+CGEV: NW MODIFY 1,0"),
        StandardMalformedCase("bearer cid missing", "+CGEV: NW ACT 1"),
        StandardMalformedCase("deact without type", "+CGEV: NW DEACT"),
        StandardMalformedCase("empty", "+CGEV: "),
        StandardMalformedCase("another URC", "+CGREG: 1"),
        StandardMalformedCase("unterminated quote", "+CGEV: NW DEACT \"IP,10.0.0.1,1"),
    ]

    @Test("malformed events fail with the raw line", arguments: malformedCases)
    func malformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try CGEV.Unsolicited.parse(c.line) }
    }
}
