import Testing
import VirtualModem

/// The virtual modem's data call: `ATD*99#` → `CONNECT`, bytes looped back in data mode, the
/// V.250 escape with its guard times, `ATO`, `ATH`, and `NO CARRIER` when the context drops.
@Suite("Virtual modem: data call and V.250 escape")
struct DataCallTests {
    /// Booted, registered, echo off.
    static func harness() -> ModemHarness {
        var harness = ModemHarness()
        _ = harness.send("ATE0")
        return harness
    }

    @Test("dial strings: *99# and *99***<cid>#; others (voice) get NO CARRIER")
    func dialStrings() {
        var harness = Self.harness()
        #expect(harness.send("ATD5551234;") == "\r\nNO CARRIER\r\n")
        #expect(harness.send("ATD*99***16#") == "\r\nNO CARRIER\r\n")
        #expect(harness.send("ATD*99***1#") == "\r\nCONNECT\r\n")
    }

    @Test("data mode loops bytes back; +++ with the guard times before and after escapes; ATO returns; ATH ends")
    func escape() {
        var harness = Self.harness()
        #expect(harness.send("ATD*99#") == "\r\nCONNECT\r\n")
        #expect(harness.type(Array("~\u{7D}#AT\r\nOK\r\n".utf8)) == "~\u{7D}#AT\r\nOK\r\n")
        // "+++" without the guard before it is data.
        #expect(harness.type(Array("+++x".utf8)) == "+++x")
        harness.advance(by: .seconds(1))
        #expect(harness.type(Array("+++".utf8)) == "")
        #expect(harness.advance(by: .milliseconds(500)) == "")
        #expect(harness.advance(by: .milliseconds(500)) == "\r\nOK\r\n")
        // Online command mode: commands work, the call is still up.
        #expect(harness.send("AT") == "\r\nOK\r\n")
        #expect(harness.send("ATO") == "\r\nCONNECT\r\n")
        #expect(harness.type([0x7E, 0x00, 0xFF]) == String(decoding: [0x7E, 0x00, 0xFF], as: UTF8.self))
        harness.advance(by: .seconds(1))
        _ = harness.type(Array("+++".utf8))
        #expect(harness.advance(by: .seconds(1)) == "\r\nOK\r\n")
        #expect(harness.send("ATH") == "\r\nOK\r\n")
        #expect(harness.send("ATO") == "\r\nNO CARRIER\r\n")
    }

    @Test("a byte after +++ within the guard time cancels the escape; the pluses are data")
    func escapeCancelled() {
        var harness = Self.harness()
        _ = harness.send("ATD*99#")
        harness.advance(by: .seconds(2))
        #expect(harness.type(Array("++".utf8)) == "")
        #expect(harness.type(Array("+".utf8)) == "")
        harness.advance(by: .milliseconds(300))
        #expect(harness.type(Array("y".utf8)) == "+++y")
        #expect(harness.advance(by: .seconds(2)) == "")
    }

    @Test("the network taking the context down ends the call with NO CARRIER")
    func noCarrier() {
        var harness = Self.harness()
        _ = harness.send("ATD*99***1#")
        #expect(harness.inject(.pdpDeactivated(cid: 1)).hasPrefix("\r\nNO CARRIER\r\n"))
        #expect(harness.send("AT") == "\r\nOK\r\n")
    }
}
