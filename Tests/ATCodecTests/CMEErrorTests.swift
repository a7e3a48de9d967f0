@testable import ATCodec
import Testing

/// A text after `+CME ERROR: ` and the error it must decode to; `source` names the device that
/// printed it, or says what kind of variant it is.
struct CMEVerboseCase: Sendable, CustomTestStringConvertible {
    let source: String
    let text: String
    let expected: CMEError?

    init(_ source: String, _ text: String, _ expected: CMEError?) {
        self.source = source
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\(source): \"\(text)\"" }
}

@Suite("+CME ERROR table (TS 27.007 §9.2)")
struct CMEErrorTests {
    // MARK: The table

    @Test("The table lists 177 codes, each once, in code order")
    func tableShape() {
        let codes = CMEError.allKnown.map(\.code)
        // One row per non-`.other` case: a case missing from the table lowers this count.
        #expect(codes.count == 177)
        #expect(Set(codes).count == codes.count)
        #expect(Set(CMEError.allKnown).count == codes.count)
        #expect(codes == codes.sorted())
        #expect(!CMEError.allKnown.contains { if case .other = $0 { true } else { false } })
    }

    @Test(
        "Spot checks against the standard",
        arguments: [
            (CMEError.phoneFailure, 0, "phone failure"),
            (.noConnectionToPhone, 1, "no connection to phone"),
            (.operationNotAllowed, 3, "operation not allowed"),
            (.operationNotSupported, 4, "operation not supported"),
            (.phSIMPINRequired, 5, "PH-SIM PIN required"),
            (.simNotInserted, 10, "SIM not inserted"),
            (.simPINRequired, 11, "SIM PIN required"),
            (.simPUKRequired, 12, "SIM PUK required"),
            (.simFailure, 13, "SIM failure"),
            (.simBusy, 14, "SIM busy"),
            (.simWrong, 15, "SIM wrong"),
            (.incorrectPassword, 16, "incorrect password"),
            (.memoryFull, 20, "memory full"),
            (.invalidCharactersInTextString, 25, "invalid characters in text string"),
            (.noNetworkService, 30, "no network service"),
            (.networkTimeout, 31, "network timeout"),
            (.networkNotAllowedEmergencyCallsOnly, 32, "network not allowed - emergency calls only"),
            (.incorrectParameters, 50, "incorrect parameters"),
            (.messageWaitingIndicationSubscriptionFailure, 63,
             "message waiting indication subscription failure"),
            (.unknownError, 100, "unknown"),
            (.illegalMS, 103, "illegal MS"),
            (.gprsServicesNotAllowed, 107, "GPRS services not allowed"),
            (.plmnNotAllowed, 111, "PLMN not allowed"),
            (.missingOrUnknownAPN, 127, "missing or unknown APN"),
            (.serviceOptionNotSupported, 132, "service option not supported"),
            (.unspecifiedGPRSError, 148, "unspecified GPRS error"),
            (.pdpAuthenticationFailure, 149, "PDP authentication failure"),
            (.invalidMobileClass, 150, "invalid mobile class"),
            (.vbsVGCSNotSupportedByNetwork, 151, "VBS/VGCS not supported by the network"),
            (.groupIDPrefixValueInvalid, 165, "group ID prefix value invalid"),
            (.lastPDNDisconnectionNotAllowed, 171, "last PDN disconnection not allowed"),
            (.userDataTransmissionViaControlPlaneCongested, 182,
             "user data transmission via control plane is congested"),
            (.wirelineAccessAreaNotAllowed, 233, "wireline access area not allowed"),
        ] as [(CMEError, Int, String)]
    )
    func spotCheck(_ error: CMEError, code: Int, text: String) {
        #expect(error.code == code)
        #expect(error.text == text)
        #expect(CMEError(code: code) == error)
    }

    // MARK: Round trips

    @Test("Every listed code round-trips code → case → code", arguments: CMEError.allKnown)
    func codeRoundTrip(_ error: CMEError) {
        #expect(CMEError(code: error.code) == error)
        #expect(CMEError(verbose: String(error.code)) == error)
        #expect(!error.text.isEmpty)
        #expect(error.description == "+CME ERROR \(error.code): \(error.text)")
    }

    @Test("Every standard text maps back to its case", arguments: CMEError.allKnown)
    func textRoundTrip(_ error: CMEError) throws {
        // A few texts are shared (122 and 157 "congestion"): those go to the lowest number.
        let owner = try #require(CMEError.allKnown.first { $0.text == error.text })
        #expect(CMEError(verbose: error.text) == owner)
        #expect(CMEError(verbose: error.text.uppercased()) == owner)
        #expect(CMEError(verbose: error.text.lowercased()) == owner)
        #expect(CMEError(verbose: "  " + error.text.replacing(" ", with: "  ") + ".\r\n") == owner)
    }

    @Test("Only the standard's own shared texts go to a lower number")
    func sharedTexts() {
        let moved = CMEError.allKnown.filter { CMEError(verbose: $0.text) != $0 }
        #expect(moved == [.groupCallCongestion, .groupCallNetworkFailure, .networkFailureDuringActivation])
        #expect(CMEError(verbose: "congestion") == .congestion)
        #expect(CMEError(verbose: "Network failure") == .networkFailure)
    }

    @Test("Every alias maps to its own row", arguments: CMEError.table.rows)
    func aliasesResolve(_ row: ErrorText.Row<CMEError>) {
        for alias in row.aliases {
            #expect(CMEError(verbose: alias) == row.value, "alias \"\(alias)\"")
        }
    }

    // MARK: Lines as modems print them

    @Test(
        "Verbose texts as modems print them",
        arguments: [
            CMEVerboseCase("SIM800", "SIM not inserted", .simNotInserted),
            CMEVerboseCase("SIM800", "operation not allowed", .operationNotAllowed),
            CMEVerboseCase("SIM800", "unknown", .unknownError),
            CMEVerboseCase("SARA-R4", "Operation not allowed", .operationNotAllowed),
            CMEVerboseCase("SARA-G450", "Operation not allowed", .operationNotAllowed),
            CMEVerboseCase("SIM7000E", "SIM failure", .simFailure),
            CMEVerboseCase("Quectel BG96, numeric", "10", .simNotInserted),
            CMEVerboseCase("Qualcomm-based modem right after boot, numeric", "14", .simBusy),
            CMEVerboseCase("legacy 2G Quectel right after boot, numeric", "14", .simBusy),
            CMEVerboseCase("XMM7360 AT+COPS=0, numeric", "30", .noNetworkService),
            CMEVerboseCase("vendor spelling", "SIM PIN required", .simPINRequired),
            CMEVerboseCase("vendor spelling", "PH-SIM PIN required", .phSIMPINRequired),
            CMEVerboseCase("vendor spelling", "PH_SIM PIN required", .phSIMPINRequired),
            CMEVerboseCase("vendor spelling", "Incorrect password", .incorrectPassword),
            CMEVerboseCase("vendor spelling", "Phone failure", .phoneFailure),
            CMEVerboseCase("vendor spelling", "Memory full", .memoryFull),
            CMEVerboseCase("vendor spelling", "Invalid index", .invalidIndex),
            CMEVerboseCase("vendor spelling", "Not found", .notFound),
            CMEVerboseCase("vendor spelling", "No network service", .noNetworkService),
            CMEVerboseCase("vendor spelling", "Network timeout", .networkTimeout),
            CMEVerboseCase("vendor spelling", "SIM busy", .simBusy),
            CMEVerboseCase("vendor spelling", "Unknown error", .unknownError),
            CMEVerboseCase("vendor spelling", "Text string too long", .textStringTooLong),
            CMEVerboseCase(
                "vendor spelling", "Invalid characters in text string", .invalidCharactersInTextString),
            CMEVerboseCase("vendor spelling", "Phone adapter link reserved", .phoneAdaptorLinkReserved),
            CMEVerboseCase(
                "vendor spelling", "Network not allowed, emergency calls only",
                .networkNotAllowedEmergencyCallsOnly),
            CMEVerboseCase(
                "British spelling", "Network personalisation PIN required",
                .networkPersonalizationPINRequired),
            CMEVerboseCase("older vendor tables", "PH-SIM PUK required", .hiddenKeyRequired),
            CMEVerboseCase("EPS wording", "Illegal UE", .illegalMS),
            CMEVerboseCase("EPS wording", "EPS services not allowed", .gprsServicesNotAllowed),
            CMEVerboseCase("EPS wording", "Tracking area not allowed", .locationAreaNotAllowed),
            CMEVerboseCase("5GS wording", "unsupported 5QI value", .unsupportedQCIValue),
            CMEVerboseCase("TS 27.007 v14 wording", "Mandatory information element error",
                           .invalidMandatoryInformation),
            CMEVerboseCase("extra spaces", "  SIM   not  inserted ", .simNotInserted),
            CMEVerboseCase("missing spaces", "SIMnot inserted", .simNotInserted),
            CMEVerboseCase("trailing punctuation", "operation not allowed.", .operationNotAllowed),
            CMEVerboseCase("tab and CR LF", "\tSIM busy\r\n", .simBusy),
            CMEVerboseCase("leading zeros", "010", .simNotInserted),
            CMEVerboseCase("padded number", " 3 ", .operationNotAllowed),
            CMEVerboseCase("manufacturer number", "515", .other(515)),
        ]
    )
    func verboseVariants(_ line: CMEVerboseCase) {
        #expect(CMEError(verbose: line.text) == line.expected)
    }

    // MARK: Unlisted numbers and texts

    @Test(
        "Unlisted numbers decode to .other and keep their number",
        arguments: [Int.min, -1, 8, 9, 19, 28, 33, 64, 99, 101, 120, 123, 166, 170, 234, 255,
                    256, 258, 515, 1_000_000, Int.max]
    )
    func unlistedCodes(_ code: Int) {
        let error = CMEError(code: code)
        #expect(error == .other(code))
        #expect(error.code == code)
        #expect(!error.text.isEmpty)
        #expect(error.description.hasPrefix("+CME ERROR \(code): "))
    }

    @Test("Unlisted numbers describe their range")
    func rangeTexts() {
        #expect(CMEError.other(-1).text == "invalid code")
        #expect(CMEError.other(8).text == "reserved code")
        #expect(CMEError.other(255).text == "reserved code")
        #expect(CMEError.other(256).text == "manufacturer-specific code")
        #expect(CMEError.other(515).description == "+CME ERROR 515: manufacturer-specific code")
        // `.other` built by hand with a listed number still reads as that number.
        #expect(CMEError.other(10).text == "SIM not inserted")
        #expect(CMEError(code: 10) != .other(10))
    }

    @Test(
        "Unknown texts give nil",
        arguments: ["", " ", "\r\n", "\t", ".", "---", "please wait", "SIM blocked", "SIM",
                    "+CME ERROR: 10", "-1", "1 0", "10a", "99999999999999999999999",
                    "\u{0}", "ÄÖÜ", "SIM not inserted and more"]
    )
    func unknownTexts(_ text: String) {
        #expect(CMEError(verbose: text) == nil)
    }

    @Test("Arbitrary bytes and numbers never trap")
    func neverTraps() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed
        }
        for _ in 0..<2_000 {
            let bytes = (0..<Int(next() % 40)).map { _ in UInt8(truncatingIfNeeded: next() >> 56) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let error = CMEError(verbose: text) { _ = error.description }
            let error = CMEError(code: Int(truncatingIfNeeded: next()))
            #expect(CMEError(code: error.code) == error)
        }
        for code in -300...1_000 {
            #expect(CMEError(code: code).code == code)
        }
    }
}
