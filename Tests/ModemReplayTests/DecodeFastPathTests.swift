import ATCodec
import Foundation
import ModemKitTestSupport
import ModemTrace
import Testing
@testable import ModemReplay

/// The shortcuts of the decoder's hot path give what the general code they replaced gives.
@Suite struct DecodeFastPathTests {
    static let commands = [
        "AT+CMGS=19", "at+cmgs=19", "AT+CMGW=23,2", "AT+CEREG?", "AT+CREG=2", "AT+CMEE=1;+CSQ", "AT+QISEND=0,5",
        "AT+CIPSEND", "AT+CMGR=3", "AT+CNMA=0,12", "AT", "ATD*99#", "AT+CMGS=\"+31612345678\"", "AT+CMGſ=1", "ÅT+CMGS=1",
    ]

    @Test(arguments: commands)
    func aShapeGivenAPayloadEchoIsTheShapeMadeWithIt(command: String) {
        let payload = Array("0011000B911326880736F40000AA05C8329BFD06\u{1A}".utf8)
        let made = CommandShape(command, urcs: .standard, payloadEcho: payload)
        let echoing = CommandShape(command, urcs: .standard).echoing(payload, command: command)
        #expect(echoing.prefixes == made.prefixes)
        #expect(echoing.expectsPrompt == made.expectsPrompt)
        #expect(echoing.setsTextMode == made.setsTextMode)
        #expect(echoing.readsMessages == made.readsMessages)
        #expect(echoing.context.echo == made.context.echo)
        #expect(echoing.context.prefixes == made.context.prefixes)
        #expect(echoing.context.finals == made.context.finals)
        #expect(echoing.context.payloadEcho == made.context.payloadEcho)
        #expect(echoing.context.acceptsBareLines == made.context.acceptsBareLines)
        #expect((echoing.context.ownsLine == nil) == (made.context.ownsLine == nil))
        #expect(echoing.context.entersDataMode == made.context.entersDataMode)
        #expect((echoing.context.payloadLength == nil) == (made.context.payloadLength == nil))
    }

    @Test func prefixChecksAnswerAsStringsDo() {
        let texts = [
            "+CSQ: 21,99", "+CSQ:", "+CSQ", "+csq: 1", "+CSQ:\u{301} 1", "+CSQ:é", "+CREG: 1", "", "AT+CMGS=1", "at+cmgs=1",
            "At+CmGs=", "AT+CMGS", "AT+CMGſ=1", "AT+CMGS=\u{301}", "ÅT+CMGS=1", "AT+CMGW=\"x\"", "+CEREG: 2,1", "\u{301}+CSQ:",
        ]
        for text in texts {
            for prefix in ["+CSQ:", "+CREG:", "+CEREG:", "AT+CMGS=", "AT+CMGW="] {
                #expect(TraceDecoder.hasPrefix(text, prefix) == text.hasPrefix(prefix), "\(text) \(prefix)")
                #expect(TraceDecoder.hasPrefixIgnoringCase(text, prefix) == text.uppercased().hasPrefix(prefix), "\(text) \(prefix)")
            }
        }
    }

    @Test(arguments: TraceFixtures.profiles + ["field/registration-lost-3am", "field/report-timeline", "data/ppp-lcp-loopback"])
    func theStreamDecodesAsRecordsFedOneByOne(fixture: String) throws {
        let text = try TraceFixtures.text(fixture)
        // The stream unescapes data records into its reused buffer; the records read whole and
        // handed to a decoder must give the same events.
        let streamed = decode(text)
        var reader = TraceReader()
        reader.append(Array(text.utf8))
        reader.finish()
        var decoder: TraceDecoder?
        var events: [DecodedEvent] = []
        while let item = reader.next() {
            switch item {
            case .record(let record):
                if decoder == nil { decoder = TraceDecoder(dialect: TraceDecodeStream.dialect(forProfile: reader.header.profile)) }
                decoder!.consume(record, line: reader.lineNumber, into: &events)
            case .error(let error):
                Issue.record("\(error)")
            }
        }
        decoder?.finish(into: &events)
        #expect(streamed == events)
        #expect(decodesTheSameInAnyChunking(text, seed: 17, rounds: 3, largestChunk: 300))
    }

    @Test(arguments: TraceFixtures.profiles)
    func eventsReadInPlaceAreTheEventsNextReturns(profile: String) throws {
        let bytes = Array(try TraceFixtures.text(profile).utf8)
        var generator = SeededGenerator(seed: 23)
        var stream = TraceDecodeStream()
        var events: [DecodedEvent] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            let count = Int.random(in: 1...200, using: &generator)
            stream.append(rest.prefix(count))
            rest = rest.dropFirst(count)
            // Both ways of taking events, mixed: one by next(), the rest in place.
            if let event = stream.next() { events.append(event) }
            stream.forEachReady { events.append($0) }
        }
        stream.finish()
        stream.forEachReady { events.append($0) }
        #expect(stream.next() == nil)
        #expect(events == decode(String(decoding: bytes, as: UTF8.self)))
    }

    @Test(arguments: [
        ATFinalResult.cmeError(CMEError(code: 10)), .cmsError(CMSError(code: 500)), .cmeError(CMEError(code: 9_999)), .ok, .error,
        .noCarrier, .connect("115200"), .vendor("SEND OK", success: true), .unrecognizedError("+CME ERROR: odd"),
    ])
    func finalResultsArePrintedAsDescribed(final: ATFinalResult) {
        let transaction = DecodedTransaction(
            command: "AT", redacted: false, line: 1, start: .zero, end: .zero, echoed: false, prompted: false, payload: nil,
            lines: [], droppedLines: 0, urcs: [], final: final, unfinished: nil, observations: [])
        #expect(DecodedEvent.transaction(transaction).textLines.first?.contains("AT → \(final.description)  ") == true)
    }

    @Test func descriptionsWrittenAsBytesReadAsBefore() {
        let registration = RegistrationObservation(
            domain: .eps, status: .home, previous: .searching, accessTechnology: .eutran, rejectCause: 15)
        #expect(registration.description == "registration +CEREG: searching → home, \(AccessTechnology.eutran), reject cause 15")
        #expect(RegistrationObservation(domain: .circuitSwitched, status: .home, previous: .home).description == "registration +CREG: home (unchanged)")
        #expect(RegistrationObservation(domain: .circuitSwitched, status: .roaming, previous: nil).description == "registration +CREG: roaming")
        #expect(SignalObservation(rssi: 21, dBm: -71, previous: nil).description == "signal: rssi 21 (-71 dBm)")
        #expect(SignalObservation(rssi: 21, dBm: -71, previous: .some(21)).description == "signal: rssi 21 (-71 dBm) (unchanged)")
        #expect(SignalObservation(rssi: nil, dBm: nil, previous: .some(nil)).description == "signal: rssi unknown (unchanged)")
        #expect(SignalObservation(rssi: 9, dBm: nil, previous: .some(nil)).description == "signal: unknown → rssi 9")
        #expect(SignalObservation(rssi: nil, dBm: nil, previous: .some(4)).description == "signal: rssi 4 → rssi unknown")
        #expect(SMSObservation(text: "hi", kind: "deliver", address: "+3161").description == "SMS deliver from +3161: \"hi\"")
        #expect(SMSObservation(text: "hi", kind: "submit", address: "+3161").description == "SMS submit to +3161: \"hi\"")
        #expect(Observation.restart("RDY").description == "modem restarted (RDY)")
    }
}
