import Testing
@testable import ATCodec

@Suite("Packet domain: CGATT, CGDCONT, CGACT")
struct PacketDomainTests {
    typealias S = StandardTestSupport

    @Test func cgatt() throws {
        #expect(try S.parse(CGATT.Read(), ["+CGATT: 1"]) == true)
        #expect(try S.parse(CGATT.Read(), ["+CGATT:0"]) == false)       // SARA-G450: no space
        for line in ["+CGATT: 2", "+CGATT: ", "+CGATT: x"] {
            S.expectParseError(line: line) { () throws(ATParseError) in try S.parse(CGATT.Read(), [line]) }
        }
        #expect(CGATT.Read().text == "AT+CGATT?")
        #expect(CGATT.Set(attached: true).text == "AT+CGATT=1")
        #expect(CGATT.Set(attached: false).text == "AT+CGATT=0")
        #expect(CGATT.Set.timeout == .seconds(140))
    }

    typealias Context = CGDCONT.Context

    static let contexts: [StandardCase<Context>] = [
        StandardCase("SIM7600", "+CGDCONT: 1,\"IP\",\"internet\",\"0.0.0.0\",0,0",
                 Context(cid: 1, type: .ip, apn: "internet", address: "0.0.0.0")),
        StandardCase("BG96, IPv4v6 with an empty APN", "+CGDCONT: 1,\"IPV4V6\",\"\",\"0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0\",0,0,0,0",
                 Context(cid: 1, type: .ipv4v6, apn: "", address: "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0")),
        StandardCase("nRF9160, Non-IP", "+CGDCONT: 0,\"Non-IP\",\"nbiot.iot\",\"\",0,0",
                 Context(cid: 0, type: .nonIP, apn: "nbiot.iot")),
        StandardCase("SARA-R410, IPv6, address left out", "+CGDCONT: 2,\"IPV6\",\"ims\",,0,0",
                 Context(cid: 2, type: .ipv6, apn: "ims")),
        StandardCase("vendor type kept", "+CGDCONT: 3,\"Ethernet\",\"lan\"", Context(cid: 3, type: .other("Ethernet"), apn: "lan")),
        StandardCase("no space after the colon", "+CGDCONT:1,\"PPP\",\"x\"", Context(cid: 1, type: .ppp, apn: "x")),
    ]

    @Test("CGDCONT.Read parses", arguments: contexts)
    func cgdcontRead(_ c: StandardCase<Context>) throws {
        #expect(try S.parse(CGDCONT.Read(), [c.line]) == [c.expected])
    }

    @Test func cgdcontSeveralLines() throws {
        let contexts = try S.parse(CGDCONT.Read(), [
            "+CGDCONT: 1,\"IP\",\"internet\",\"0.0.0.0\",0,0",
            "+CGDCONT: 2,\"IPV4V6\",\"ims\",\"0.0.0.0\",0,0",
        ])
        #expect(contexts.map(\.cid) == [1, 2])
        #expect(try S.parse(CGDCONT.Read(), []) == [])
    }

    static let cgdcontMalformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("cid not a number", "+CGDCONT: x,\"IP\",\"internet\""),
        StandardMalformedCase("type missing", "+CGDCONT: 1"),
        StandardMalformedCase("unterminated APN", "+CGDCONT: 1,\"IP\",\"internet"),
        StandardMalformedCase("negative cid", "+CGDCONT: -1,\"IP\",\"internet\""),
    ]

    @Test("CGDCONT.Read rejects malformed lines", arguments: cgdcontMalformedCases)
    func cgdcontMalformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CGDCONT.Read(), [c.line]) }
    }

    @Test func cgdcontText() throws {
        #expect(CGDCONT.Read().text == "AT+CGDCONT?")
        #expect(try CGDCONT.Set(cid: 1, type: .ip, apn: "internet").text == "AT+CGDCONT=1,\"IP\",\"internet\"")
        #expect(try CGDCONT.Set(cid: 1, type: .ipv4v6, apn: "ims").text == "AT+CGDCONT=1,\"IPV4V6\",\"ims\"")
        #expect(try CGDCONT.Set(cid: 2, type: .nonIP, apn: "nbiot.iot").text == "AT+CGDCONT=2,\"Non-IP\",\"nbiot.iot\"")
        #expect(try CGDCONT.Set(cid: 1, type: .ip, apn: "").text == "AT+CGDCONT=1,\"IP\",\"\"")
        #expect(CGDCONT.Set(undefining: 3).text == "AT+CGDCONT=3")
    }

    @Test func cgdcontRefusesInjection() {
        #expect(throws: ATEncodingError.forbiddenCharacter(parameter: 2, offset: 5, byte: 0x0D)) {
            try CGDCONT.Set(cid: 1, type: .ip, apn: "inter\rnet")
        }
        #expect(throws: ATEncodingError.unescapableCharacter(parameter: 2, offset: 1, character: "\"")) {
            try CGDCONT.Set(cid: 1, type: .ip, apn: "a\"b")
        }
        #expect(throws: ATEncodingError.self) { try CGDCONT.Set(cid: 1, type: .ip, apn: "x\u{1A}") }
        #expect(throws: ATEncodingError.self) { try CGDCONT.Set(cid: 1, type: .other("IP\"\r"), apn: "x") }
    }

    @Test func pdpTypeText() {
        #expect(PDPType(text: "ipv4v6") == .ipv4v6)
        #expect(PDPType(text: "NONIP") == .nonIP)
        #expect([PDPType.ip, .ipv6, .ipv4v6, .nonIP, .ppp].map(\.text) == ["IP", "IPV6", "IPV4V6", "Non-IP", "PPP"])
    }

    @Test func cgact() throws {
        let states = try S.parse(CGACT.Read(), ["+CGACT: 1,1", "+CGACT: 2,0"])
        #expect(states == [CGACT.ContextState(cid: 1, isActive: true), CGACT.ContextState(cid: 2, isActive: false)])
        #expect(try S.parse(CGACT.Read(), []) == [])
        for line in ["+CGACT: 1,2", "+CGACT: 1", "+CGACT: x,1"] {
            S.expectParseError(line: line) { () throws(ATParseError) in try S.parse(CGACT.Read(), [line]) }
        }
        #expect(CGACT.Read().text == "AT+CGACT?")
        #expect(CGACT.Set(active: true, cids: [1]).text == "AT+CGACT=1,1")
        #expect(CGACT.Set(active: false, cids: [1, 2]).text == "AT+CGACT=0,1,2")
        #expect(CGACT.Set(active: true).text == "AT+CGACT=1")
        #expect(CGACT.Set.timeout == .seconds(150))
    }
}

@Suite("Packet domain: CGAUTH, CGEREP")
struct PacketAuthenticationTests {
    @Test func cgauth() throws {
        #expect(try CGAUTH.Set(cid: 1, authentication: .pap, username: "user", password: "secret").text == "AT+CGAUTH=1,1,\"user\",\"secret\"")
        #expect(try CGAUTH.Set(cid: 2, authentication: .chap, username: "", password: "").text == "AT+CGAUTH=2,2,\"\",\"\"")
        for bad in ["a\"b", "a\rb", "a\u{1A}b"] {
            #expect(throws: ATEncodingError.self) { try CGAUTH.Set(cid: 1, authentication: .pap, username: bad, password: "p") }
            #expect(throws: ATEncodingError.self) { try CGAUTH.Set(cid: 1, authentication: .pap, username: "u", password: bad) }
        }
        let line = try CGAUTH.Set(cid: 1, authentication: .pap, username: "user", password: "secret").text
        #expect(ATRedactor.redact(Array(line.utf8)).redacted)
    }

    @Test func cgerep() {
        #expect(CGEREP.Set().text == "AT+CGEREP=1")
        #expect(CGEREP.Set(mode: 0).text == "AT+CGEREP=0")
    }
}
