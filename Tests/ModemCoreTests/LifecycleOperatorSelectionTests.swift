import ATCodec
import ModemCore
import Testing

/// Layer 3: manual operator selection before registration, as transcripts.
@Suite("Lifecycle state machine: operator selection")
struct LifecycleOperatorSelectionTests {
    typealias T = LifecycleTranscript

    static func atSIM(_ selection: OperatorSelection?) -> T {
        var configuration = T.configuration()
        configuration.operatorSelection = selection
        return T.atSIM(configuration)
    }

    static let plmn = try! PLMN("26201")

    @Test("manual: AT+COPS=1,2,\"26201\" after the SIM, then registration as usual")
    func manual() {
        var t = Self.atSIM(.manual(Self.plmn))
        #expect(t.reply(.sim(.ready)) == [
            .publish(.stateChanged(.selectingOperator(.manual(Self.plmn)))), .send(id: 10, .selectOperator(.manual(Self.plmn))),
        ])
        #expect(T.requests(t.reply(.ok)) == [.readRegistration(.eps)])
        #expect(t.state == .awaitingRegistration)
    }

    @Test("the commands on the wire", arguments: [
        (OperatorSelection.automatic, "AT+COPS=0"),
        (.manual(try! PLMN("26201")), "AT+COPS=1,2,\"26201\""),
        (.manual(try! PLMN("310410"), AccessTechnology.eutran), "AT+COPS=1,2,\"310410\",7"),
        (.manual(try! PLMN("26201"), fallback: true), "AT+COPS=4,2,\"26201\""),
    ])
    func commands(selection: OperatorSelection, text: String) throws {
        #expect(try selection.command.text == text)
        #expect("\(Lifecycle.Request.selectOperator(selection))" == text)
    }

    @Test("no selection configured: nothing sent, straight to registration")
    func unchanged() {
        var t = Self.atSIM(nil)
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.eps)])
    }

    @Test("refused manual selection: typed failure with command, code and meaning; backoff; selected again", arguments: [30, 31, 32])
    func refused(code: Int) {
        var t = Self.atSIM(.manual(Self.plmn))
        t.reply(.sim(.ready))
        let final = ATFinalResult.cmeError(CMEError(code: code))
        let actions = t.fail(.rejected(final))
        guard case .publish(.operatorSelectionFailed(let failure)) = actions.first else {
            Issue.record("no typed failure first: \(actions)")
            return
        }
        #expect(Array(actions.dropFirst()) == [
            .publish(.stateChanged(.recovering(attempt: 1, reason: .operatorRejected(command: "AT+COPS=1,2,\"26201\"", final)))),
            .startTimer(.backoff, .seconds(1)),
        ])
        #expect(failure.selection == .manual(Self.plmn) && failure.result == final)
        #expect("\(failure)" == "AT+COPS=1,2,\"26201\" refused: \(final)")
        #expect(failure.command == "AT+COPS=1,2,\"26201\"")
        #expect(failure.code == code)
        #expect(failure.meaning == CMEError(code: code).text)
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.selectOperator(.manual(Self.plmn))])
        // Refused again: the next backoff is longer.
        #expect(t.fail(.rejected(final)).contains(.startTimer(.backoff, .seconds(2))))
    }

    @Test("refused with fallback: AT+COPS=0, then registration")
    func fallback() {
        let selection = OperatorSelection.manual(Self.plmn, fallback: true)
        var t = Self.atSIM(selection)
        t.reply(.sim(.ready))
        let final = ATFinalResult.cmeError(CMEError(code: 32))
        let actions = t.fail(.rejected(final))
        #expect(actions.contains { if case .publish(.operatorSelectionFailed(let f)) = $0 { f.command == "AT+COPS=4,2,\"26201\"" && f.code == 32 } else { false } })
        #expect(Array(actions.dropFirst()) == [
            .publish(.stateChanged(.selectingOperator(.automatic))), .send(id: 11, .selectOperator(.automatic)),
        ])
        #expect(T.requests(t.reply(.ok)) == [.readRegistration(.eps)])
    }

    @Test("a PLMN is 5 or 6 digits; anything else never reaches the wire", arguments: [
        "", "2620", "2620123", "26a01", "26201\r", "262\"01", "26201\u{1A}", "\u{1B}26201", "２６２０１",
    ])
    func badPLMN(value: String) {
        #expect(throws: PLMNError.self) { try PLMN(value) }
    }
}
