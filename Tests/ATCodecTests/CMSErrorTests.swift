@testable import ATCodec
import Testing

/// A text after `+CMS ERROR: ` and the error it must decode to; `source` names the device that
/// printed it, or says what kind of variant it is.
struct CMSVerboseCase: Sendable, CustomTestStringConvertible {
    let source: String
    let text: String
    let expected: CMSError?

    init(_ source: String, _ text: String, _ expected: CMSError?) {
        self.source = source
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\(source): \"\(text)\"" }
}

@Suite("+CMS ERROR table (TS 27.005 §3.2.5, TS 24.011, TS 23.040)")
struct CMSErrorTests {
    // MARK: The table

    @Test("The table lists 73 codes, each once, in code order")
    func tableShape() {
        let codes = CMSError.allKnown.map(\.code)
        // One row per non-`.other` case: a case missing from the table lowers this count.
        #expect(codes.count == 73)
        #expect(codes.filter { $0 < 128 }.count == 24)
        #expect(codes.filter { (128...255).contains($0) }.count == 26)
        #expect(codes.filter { $0 >= 300 }.count == 23)
        #expect(Set(codes).count == codes.count)
        #expect(Set(CMSError.allKnown).count == codes.count)
        #expect(codes == codes.sorted())
        #expect(!CMSError.allKnown.contains { if case .other = $0 { true } else { false } })
    }

    @Test(
        "Spot checks against the standards",
        arguments: [
            (CMSError.unassignedNumber, 1, "unassigned (unallocated) number"),
            (.operatorDeterminedBarring, 8, "operator determined barring"),
            (.callBarred, 10, "call barred"),
            (.shortMessageTransferRejected, 21, "short message transfer rejected"),
            (.destinationOutOfService, 27, "destination out of service"),
            (.unidentifiedSubscriber, 28, "unidentified subscriber"),
            (.facilityRejected, 29, "facility rejected"),
            (.unknownSubscriber, 30, "unknown subscriber"),
            (.networkOutOfOrder, 38, "network out of order"),
            (.temporaryFailure, 41, "temporary failure"),
            (.congestion, 42, "congestion"),
            (.resourcesUnavailableUnspecified, 47, "resources unavailable, unspecified"),
            (.requestedFacilityNotSubscribed, 50, "requested facility not subscribed"),
            (.requestedFacilityNotImplemented, 69, "requested facility not implemented"),
            (.invalidShortMessageTransferReferenceValue, 81,
             "invalid short message transfer reference value"),
            (.invalidMandatoryInformation, 96, "invalid mandatory information"),
            (.messageNotCompatibleWithProtocolState, 98,
             "message not compatible with short message protocol state"),
            (.protocolErrorUnspecified, 111, "protocol error, unspecified"),
            (.interworkingUnspecified, 127, "interworking, unspecified"),
            (.telematicInterworkingNotSupported, 0x80, "telematic interworking not supported"),
            (.shortMessageType0NotSupported, 0x81, "short message type 0 not supported"),
            (.simSMSStorageFull, 0xD0, "(U)SIM SMS storage full"),
            (.memoryCapacityExceededInMS, 0xD3, "memory capacity exceeded"),
            (.simDataDownloadError, 0xD5, "(U)SIM data download error"),
            (.unspecifiedErrorCause, 0xFF, "unspecified error cause"),
            (.meFailure, 300, "ME failure"),
            (.smsServiceOfMEReserved, 301, "SMS service of ME reserved"),
            (.operationNotAllowed, 302, "operation not allowed"),
            (.invalidPDUModeParameter, 304, "invalid PDU mode parameter"),
            (.simNotInserted, 310, "(U)SIM not inserted"),
            (.phSIMPINRequired, 312, "PH-(U)SIM PIN required"),
            (.simPUK2Required, 318, "(U)SIM PUK2 required"),
            (.invalidMemoryIndex, 321, "invalid memory index"),
            (.memoryFull, 322, "memory full"),
            (.smscAddressUnknown, 330, "SMSC address unknown"),
            (.noNetworkService, 331, "no network service"),
            (.networkTimeout, 332, "network timeout"),
            (.noCNMAAcknowledgementExpected, 340, "no +CNMA acknowledgement expected"),
            (.unknownError, 500, "unknown error"),
        ] as [(CMSError, Int, String)]
    )
    func spotCheck(_ error: CMSError, code: Int, text: String) {
        #expect(error.code == code)
        #expect(error.text == text)
        #expect(CMSError(code: code) == error)
    }

    // MARK: Round trips

    @Test("Every listed code round-trips code → case → code", arguments: CMSError.allKnown)
    func codeRoundTrip(_ error: CMSError) {
        #expect(CMSError(code: error.code) == error)
        #expect(CMSError(verbose: String(error.code)) == error)
        #expect(!error.text.isEmpty)
        #expect(error.description == "+CMS ERROR \(error.code): \(error.text)")
    }

    @Test("Every standard text maps back to its case", arguments: CMSError.allKnown)
    func textRoundTrip(_ error: CMSError) throws {
        // 22 and 211 share "memory capacity exceeded": that text goes to the lower number.
        let owner = try #require(CMSError.allKnown.first { $0.text == error.text })
        #expect(CMSError(verbose: error.text) == owner)
        #expect(CMSError(verbose: error.text.uppercased()) == owner)
        #expect(CMSError(verbose: error.text.lowercased()) == owner)
        #expect(CMSError(verbose: "  " + error.text.replacing(" ", with: "  ") + ".\r\n") == owner)
    }

    @Test("Only the standards' own shared text goes to a lower number")
    func sharedTexts() {
        let moved = CMSError.allKnown.filter { CMSError(verbose: $0.text) != $0 }
        #expect(moved == [.memoryCapacityExceededInMS])
        #expect(CMSError(verbose: "Memory Capacity Exceeded") == .memoryCapacityExceeded)
    }

    @Test("Every alias maps to its own row", arguments: CMSError.table.rows)
    func aliasesResolve(_ row: ErrorText.Row<CMSError>) {
        for alias in row.aliases {
            #expect(CMSError(verbose: alias) == row.value, "alias \"\(alias)\"")
        }
    }

    // MARK: Lines as modems print them

    @Test(
        "Texts as modems print them",
        arguments: [
            CMSVerboseCase("legacy 2G Quectel AT+CMGL before Call Ready", "3", .other(3)),
            CMSVerboseCase("legacy Quectel AT+CMGL", "604", .other(604)),
            CMSVerboseCase("SIM7000G text-mode AT+CMGS, nothing after the colon", "", nil),
            CMSVerboseCase("numeric", "330", .smscAddressUnknown),
            CMSVerboseCase("numeric", "500", .unknownError),
            CMSVerboseCase("verbose", "SMSC address unknown", .smscAddressUnknown),
            CMSVerboseCase("verbose", "invalid memory index", .invalidMemoryIndex),
            CMSVerboseCase("verbose", "Invalid PDU mode parameter", .invalidPDUModeParameter),
            CMSVerboseCase("2G wording", "SIM not inserted", .simNotInserted),
            CMSVerboseCase("2G wording", "SIM PIN required", .simPINRequired),
            CMSVerboseCase("2G wording", "PH-SIM PIN required", .phSIMPINRequired),
            CMSVerboseCase("2G wording", "SIM SMS storage full", .simSMSStorageFull),
            CMSVerboseCase("2G wording", "SIM Application Toolkit Busy", .simApplicationToolkitBusy),
            CMSVerboseCase("USIM wording", "USIM busy", .simBusy),
            CMSVerboseCase("vendor spelling", "Unknown error", .unknownError),
            CMSVerboseCase("vendor spelling", "unknown", .unknownError),
            CMSVerboseCase("vendor spelling", "Memory full", .memoryFull),
            CMSVerboseCase("vendor spelling", "ME failure", .meFailure),
            CMSVerboseCase("vendor spelling", "Short message Type 0 not supported",
                           .shortMessageType0NotSupported),
            CMSVerboseCase("vendor spelling", "SM Rejected-Duplicate SM", .smRejectedDuplicateSM),
            CMSVerboseCase("vendor spelling", "no +CNMA acknowledgment expected",
                           .noCNMAAcknowledgementExpected),
            CMSVerboseCase("older TS 24.011 wording", "Invalid message, unspecified",
                           .semanticallyIncorrectMessage),
            CMSVerboseCase("TS 24.011 Table 8.4 wording", "Destination out of order",
                           .destinationOutOfService),
            CMSVerboseCase("short form", "Unassigned number", .unassignedNumber),
            CMSVerboseCase("extra spaces", " SMSC   address unknown ", .smscAddressUnknown),
            CMSVerboseCase("missing spaces", "SMSCaddress unknown", .smscAddressUnknown),
            CMSVerboseCase("trailing punctuation", "memory full!", .memoryFull),
            CMSVerboseCase("padded number", "\t322\r\n", .memoryFull),
        ]
    )
    func verboseVariants(_ line: CMSVerboseCase) {
        #expect(CMSError(verbose: line.text) == line.expected)
    }

    // MARK: Unlisted numbers and texts

    @Test(
        "Unlisted numbers decode to .other and keep their number",
        arguments: [Int.min, -1, 0, 2, 3, 11, 126, 0x83, 0x92, 0xA2, 0xB1, 0xC8, 0xD6, 0xE0, 0xFE,
                    256, 299, 306, 341, 501, 511, 512, 604, 1_000_000, Int.max]
    )
    func unlistedCodes(_ code: Int) {
        let error = CMSError(code: code)
        #expect(error == .other(code))
        #expect(error.code == code)
        #expect(!error.text.isEmpty)
        #expect(error.description.hasPrefix("+CMS ERROR \(code): "))
    }

    @Test(
        "Unlisted numbers describe their range",
        arguments: [
            (-1, "invalid code"),
            (0, "reserved RP-cause"),
            (3, "reserved RP-cause"),
            (0x83, "reserved TP-PID error"),
            (0x92, "reserved TP-DCS error"),
            (0xA2, "reserved TP-Command error"),
            (0xB1, "reserved TP-Failure-Cause"),
            (0xD6, "reserved TP-Failure-Cause"),
            (0xE0, "application-specific TP-Failure-Cause"),
            (0xFE, "application-specific TP-Failure-Cause"),
            (256, "reserved code"),
            (341, "reserved code"),
            (511, "reserved code"),
            (512, "manufacturer-specific code"),
            (604, "manufacturer-specific code"),
        ] as [(Int, String)]
    )
    func rangeTexts(_ code: Int, text: String) {
        #expect(CMSError(code: code).text == text)
    }

    @Test("Descriptions")
    func descriptions() {
        #expect(CMSError.smscAddressUnknown.description == "+CMS ERROR 330: SMSC address unknown")
        #expect(CMSError.other(604).description == "+CMS ERROR 604: manufacturer-specific code")
        // `.other` built by hand with a listed number still reads as that number.
        #expect(CMSError.other(330).text == "SMSC address unknown")
        #expect(CMSError(code: 330) != .other(330))
    }

    @Test(
        "Unknown texts give nil",
        arguments: ["", " ", "\r\n", ".", "SMS not ready", "SIM", "+CMS ERROR: 330", "-1", "3 30",
                    "330x", "99999999999999999999999", "\u{0}", "ÄÖÜ", "memory full and more"]
    )
    func unknownTexts(_ text: String) {
        #expect(CMSError(verbose: text) == nil)
    }

    @Test("Arbitrary bytes and numbers never trap")
    func neverTraps() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed
        }
        for _ in 0..<2_000 {
            let bytes = (0..<Int(next() % 40)).map { _ in UInt8(truncatingIfNeeded: next() >> 56) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let error = CMSError(verbose: text) { _ = error.description }
            let error = CMSError(code: Int(truncatingIfNeeded: next()))
            #expect(CMSError(code: error.code) == error)
        }
        for code in -300...1_000 {
            #expect(CMSError(code: code).code == code)
        }
    }
}
