import Testing
@testable import ATCodec

@Suite("CGPADDR and IP addresses")
struct CGPADDRTests {
    typealias S = StandardTestSupport

    /// cid and the addresses in their canonical text.
    static let lines: [StandardCase<(Int, [String])>] = [
        StandardCase("SIM7600: unquoted", "+CGPADDR: 1,10.71.155.118", (1, ["10.71.155.118"])),
        StandardCase("BG96: quoted", "+CGPADDR: 1,\"10.0.0.2\"", (1, ["10.0.0.2"])),
        StandardCase("TS 27.007 §10.1.14: IPv6 as 16 dotted bytes", "+CGPADDR: 1,\"32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1\"", (1, ["2001:db8::1"])),
        StandardCase("after AT+CGPIAF=1: colon form", "+CGPADDR: 1,\"2001:DB8::1\"", (1, ["2001:db8::1"])),
        StandardCase("IPV4V6: two fields", "+CGPADDR: 1,\"10.0.0.2\",\"32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1\"", (1, ["10.0.0.2", "2001:db8::1"])),
        StandardCase("IPV4V6: both in one field", "+CGPADDR: 1,\"10.0.0.2 32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1\"", (1, ["10.0.0.2", "2001:db8::1"])),
        StandardCase("context without an address", "+CGPADDR: 2,", (2, [])),
        StandardCase("context without an address, no comma", "+CGPADDR: 2", (2, [])),
        StandardCase("empty quoted", "+CGPADDR: 2,\"\"", (2, [])),
        StandardCase("inactive context printed as 0.0.0.0", "+CGPADDR: 3,\"0.0.0.0\"", (3, ["0.0.0.0"])),
        StandardCase("full colon form", "+CGPADDR: 1,\"2001:0db8:0000:0000:0001:0000:0000:0001\"", (1, ["2001:db8::1:0:0:1"])),
    ]

    @Test("CGPADDR.Execute parses", arguments: lines)
    func parses(_ c: StandardCase<(Int, [String])>) throws {
        let result = try S.parse(CGPADDR.Execute(cids: [c.expected.0]), [c.line])
        #expect(result.count == 1)
        #expect(result.first?.cid == c.expected.0)
        #expect(result.first?.addresses.map(\.description) == c.expected.1)
    }

    @Test func dualStackAccessors() throws {
        let result = try S.parse(CGPADDR.Execute(), [
            "+CGPADDR: 1,\"10.0.0.2\",\"32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1\"", "+CGPADDR: 2,",
        ])
        #expect(result.map(\.cid) == [1, 2])
        #expect(result[0].ipv4?.description == "10.0.0.2")
        #expect(result[0].ipv6?.description == "2001:db8::1")
        #expect(result[1].ipv4 == nil && result[1].ipv6 == nil)
    }

    @Test func commandText() {
        #expect(CGPADDR.Execute().text == "AT+CGPADDR")
        #expect(CGPADDR.Execute(cids: [1]).text == "AT+CGPADDR=1")
        #expect(CGPADDR.Execute(cids: [1, 2]).text == "AT+CGPADDR=1,2")
    }

    static let malformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("byte over 255", "+CGPADDR: 1,\"10.0.0.256\""),
        StandardMalformedCase("three parts", "+CGPADDR: 1,\"1.2.3\""),
        StandardMalformedCase("triple colon", "+CGPADDR: 1,\"2001:db8:::1\""),
        StandardMalformedCase("two gaps", "+CGPADDR: 1,\"2001::db8::1\""),
        StandardMalformedCase("nine groups", "+CGPADDR: 1,\"1:2:3:4:5:6:7:8:9\""),
        StandardMalformedCase("cid not a number", "+CGPADDR: x,\"10.0.0.1\""),
        StandardMalformedCase("text", "+CGPADDR: 1,\"pending\""),
        StandardMalformedCase("unterminated", "+CGPADDR: 1,\"10.0.0.1"),
    ]

    @Test("malformed addresses fail with the raw line", arguments: malformedCases)
    func malformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CGPADDR.Execute(), [c.line]) }
    }

    @Test(arguments: [
        ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8"), ("::ffff:10.0.0.1", "::ffff:a00:1"),
        ("FE80::ABCD", "fe80::abcd"),
    ])
    func ipv6Text(_ input: String, _ canonical: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.isIPv6)
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test(arguments: ["", ".", "1.2.3.4.5", "1..2.3", "01234.1.1.1", ":", ":::", "1:2", "12345::", "g::1", "1.2.3.4::", "-1.0.0.0"])
    func invalidAddresses(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func addressBytes() {
        #expect(IPAddress(bytes: [10, 0, 0, 1])?.description == "10.0.0.1")
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        #expect(IPAddress("0.0.0.0")?.isUnspecified == true)
        #expect(IPAddress("::")?.isUnspecified == true)
        #expect(IPAddress("10.0.0.1")?.isUnspecified == false)
    }
}
