import ATCodec
import ModemCore
import Testing

/// Layer 3: the lifecycle's bring-up as event-by-event transcripts.
@Suite("Lifecycle state machine: bring-up")
struct LifecycleBringUpTests {
    typealias T = LifecycleTranscript

    @Test("probe, configure, identify, SIM, registration by URC, attach, PDP, address, supervision")
    func fullBringUp() throws {
        var t = T()
        #expect(t.handle(.started) == [.publish(.stateChanged(.probing(attempt: 1))), .send(id: 1, .probe)])
        #expect(T.requests(t.reply(.ok)) == [.echoOff])
        #expect(T.requests(t.reply(.ok)) == [.verboseErrors])
        #expect(T.requests(t.reply(.ok)) == [.registrationReporting(.circuitSwitched, .locationAndCause)])
        #expect(T.requests(t.reply(.ok)) == [.registrationReporting(.gprs, .locationAndCause)])
        #expect(T.requests(t.reply(.ok)) == [.registrationReporting(.eps, .locationAndCause)])
        #expect(T.requests(t.reply(.ok)) == [.packetEventReporting])
        #expect(t.reply(.ok) == [.publish(.stateChanged(.identifying)), .send(id: 8, .identify)])
        #expect(t.reply(.identity(T.identity)) == [
            .publish(.identified(T.identity)), .selectDialect(T.identity),
            .publish(.stateChanged(.checkingSIM(attempt: 1))), .send(id: 9, .readSIM),
        ])
        #expect(t.reply(.sim(.ready)) == [
            .publish(.stateChanged(.awaitingRegistration)), .send(id: 10, .readRegistration(.eps)),
            .startTimer(.registrationPoll, .seconds(30)), .startTimer(.registrationTimeout, .seconds(180)),
        ])
        // Still searching when read; the URC says when it is done.
        let searching = try Registration.parse("+CEREG: 3,2", form: .read)
        #expect(t.reply(.registration(searching)) == [.publish(.registrationChanged(searching))])
        let home = try Registration.parse(T.home, form: .unsolicited)
        #expect(t.urc(T.home) == [
            .publish(.registrationChanged(home)),
            .cancelTimer(.registrationPoll), .cancelTimer(.registrationTimeout),
            .publish(.stateChanged(.attaching)), .send(id: 11, .attach),
        ])
        #expect(T.requests(t.reply(.ok)) == [.defineContext(cid: 1, type: .ip, apn: "")])
        #expect(T.requests(t.reply(.ok)) == [.activateContext(cid: 1)])
        #expect(T.requests(t.reply(.ok)) == [.readAddresses(cid: 1)])
        #expect(t.reply(.addresses([IPAddress("0.0.0.0")!, T.address])) == [
            .publish(.stateChanged(.connected([T.address]))), .publish(.addressesAssigned([T.address])),
            .send(id: 15, .readOperator),
        ])
        let technology = AccessTechnology(code: 8)
        #expect(t.reply(.networkOperator(name: "Virtual", technology: technology)) == [
            .publish(.operatorChanged(name: "Virtual", technology: technology)), .send(id: 16, .readSignal),
        ])
        #expect(t.reply(.signal(rssiDBm: -71)) == [.publish(.signalChanged(rssiDBm: -71)), .startTimer(.supervision, .seconds(30))])
        // Supervision: registration read, then signal, then the next tick.
        #expect(t.handle(.timerFired(.supervision)) == [.send(id: 17, .readRegistration(.eps))])
        let read = try Registration.parse("+CEREG: 3,1,\"1A2B\",\"01A2D001\",8", form: .read)
        #expect(t.reply(.registration(read)) == [.publish(.registrationChanged(read)), .send(id: 18, .readSignal)])
        #expect(t.reply(.signal(rssiDBm: nil)) == [.publish(.signalChanged(rssiDBm: nil)), .startTimer(.supervision, .seconds(30))])
    }

    @Test("APN, IP type and PAP credentials reach their commands")
    func credentials() throws {
        let credentials = try PDPCredentials(.chap, username: "user", password: "secret")
        let session = try DataSessionSettings(cid: 2, type: .ipv4v6, apn: "iot.example", credentials: credentials)
        var t = T(T.configuration(session: session))
        t.bootToRegistration()
        t.urc(T.home)
        #expect(T.requests(t.reply(.ok)) == [.defineContext(cid: 2, type: .ipv4v6, apn: "iot.example")])
        #expect(T.requests(t.reply(.ok)) == [.authenticate(cid: 2, credentials)])
        // Nothing printed or published shows the secrets.
        #expect("\(Lifecycle.Request.authenticate(cid: 2, credentials))" == "AT+CGAUTH=2,***")
        #expect("\(credentials)" == "chap user:***" && !"\([credentials])".contains("secret"))
        #expect("\(Lifecycle.Request.enterPIN("1234"))" == "AT+CPIN=***")
        #expect(T.requests(t.reply(.ok)) == [.activateContext(cid: 2)])
        t.fail(.rejected(.cmeError(.unknownError)))
        #expect(t.state == .recovering(attempt: 1, reason: .commandFailed("AT+CGACT=1,2", .cmeError(.unknownError))))
    }

    @Test("bad APN, user, password, cid and type are refused before anything is sent", arguments: [
        "inter\"net", "inter\rnet", "inter\u{1B}net", "a b", "back\\slash", String(repeating: "a", count: 101), "caf\u{E9}",
    ])
    func badAPN(apn: String) {
        #expect(throws: DataSessionSettingsError.self) { try DataSessionSettings(apn: apn) }
    }

    @Test("bad credentials and ranges")
    func badSettings() {
        #expect(throws: DataSessionSettingsError.self) { try PDPCredentials(.pap, username: "u\"", password: "p") }
        #expect(throws: DataSessionSettingsError.self) { try PDPCredentials(.pap, username: "u", password: "p\n") }
        #expect(throws: DataSessionSettingsError.self) { try DataSessionSettings(cid: 0) }
        #expect(throws: DataSessionSettingsError.self) { try DataSessionSettings(cid: 16) }
        #expect(throws: DataSessionSettingsError.self) { try DataSessionSettings(type: .ppp) }
        #expect((try? DataSessionSettings(apn: "internet.example-1")) != nil)
    }

    @Test("probing retries AT, then backs off and probes again")
    func probing() {
        var t = T()
        t.handle(.started)
        for attempt in 2...5 {
            #expect(t.fail(.timedOut) == [.publish(.stateChanged(.probing(attempt: attempt))), .send(id: UInt64(attempt), .probe)])
        }
        // No line speed known here (the transcript's transport has none): the failure names none.
        #expect(t.fail(.timedOut) == [
            .publish(.probeFailed(ProbeFailure(baudRates: [], detectionEnabled: false))),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .unresponsive))), .startTimer(.backoff, .seconds(1)),
        ])
        #expect(t.handle(.timerFired(.backoff)) == [
            .publish(.stateChanged(.probing(attempt: 1))), .send(id: 6, .probe),
        ])
    }

    @Test("a domain the modem does not support is skipped (SIM800: no +CEREG)")
    func unsupportedDomain() {
        var t = T()
        t.handle(.started)
        t.reply(.ok); t.reply(.ok); t.reply(.ok); t.reply(.ok)      // AT, ATE0, +CMEE, +CREG, +CGREG
        t.reply(.ok)
        #expect(T.requests(t.fail(.rejected(.cmeError(.operationNotSupported)))) == [.packetEventReporting])
        t.reply(.ok)
        t.reply(.identity(T.identity))
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.gprs)])
        #expect(t.machine.primaryDomain == .gprs)
        // A URC from a domain that is not reported is still recorded, CREG alone is enough.
        #expect(T.requests(t.urc("+CREG: 5,\"1A2B\",\"01A2\",0")) == [.attach])
    }

    @Test("a domain whose read is refused while awaiting registration is dropped: the next one is read at once")
    func refusedRegistrationRead() {
        var t = T()
        t.handle(.started)
        for _ in 0..<7 { t.reply(.ok) }    // AT, ATE0, +CMEE, +CREG, +CGREG, +CEREG (taken as set: a stray OK), +CGEREP
        t.reply(.identity(T.identity))
        #expect(T.requests(t.reply(.sim(.ready))) == [.readRegistration(.eps)])
        // SIM800 answers AT+CEREG? with an error: read +CGREG? now, not at every poll forever.
        #expect(T.requests(t.fail(.rejected(.cmeError(.operationNotSupported)))) == [.readRegistration(.gprs)])
        #expect(t.machine.primaryDomain == .gprs)
        // The last domain left is never dropped: its failures wait for the next poll.
        #expect(T.requests(t.fail(.rejected(.error))) == [.readRegistration(.circuitSwitched)])
        #expect(T.requests(t.fail(.rejected(.error))) == [])
        #expect(t.machine.primaryDomain == .circuitSwitched)
    }

    @Test("a failing ATE0 recovers; a timeout repeats the step")
    func configurationFailures() {
        var t = T()
        t.handle(.started)
        t.reply(.ok)
        #expect(T.requests(t.fail(.timedOut)) == [.echoOff])
        #expect(t.fail(.rejected(.error)) == [
            .publish(.stateChanged(.recovering(attempt: 1, reason: .commandFailed("ATE0", .error)))),
            .startTimer(.backoff, .seconds(1)),
        ])
    }

    @Test("roaming: used when allowed, waited out when not")
    func roaming() {
        var allowed = T()
        allowed.bootToRegistration()
        #expect(T.requests(allowed.urc("+CEREG: 5")) == [.attach])

        var refused = T(T.configuration(allowRoaming: false))
        refused.bootToRegistration()
        #expect(T.requests(refused.urc("+CEREG: 5")).isEmpty)
        #expect(refused.state == .awaitingRegistration)
        #expect(T.requests(refused.urc("+CEREG: 1")) == [.attach])
    }

    @Test("the fallback poll reads registration; the timeout recovers with a full restart")
    func registrationPollAndTimeout() {
        var t = T()
        t.bootToRegistration()
        #expect(t.handle(.timerFired(.registrationPoll)) == [.startTimer(.registrationPoll, .seconds(30))])  // read still in flight
        t.fail(.invalidResponse("garbled"))   // (a refused read drops the domain: see refusedRegistrationRead)
        #expect(t.handle(.timerFired(.registrationPoll)) == [
            .send(id: 11, .readRegistration(.eps)), .startTimer(.registrationPoll, .seconds(30)),
        ])
        #expect(t.handle(.timerFired(.registrationTimeout)) == [
            .cancelTimer(.registrationPoll),
            .publish(.stateChanged(.recovering(attempt: 1, reason: .registrationTimedOut))), .startTimer(.backoff, .seconds(1)),
        ])
        #expect(T.requests(t.handle(.timerFired(.backoff))) == [.probe])
    }

    @Test("stale completions and timers that lost a race are ignored; stop cancels timers")
    func staleAndStop() {
        var t = T()
        t.bootToRegistration()
        #expect(t.handle(.completed(id: 3, .success(.ok))).isEmpty)
        #expect(t.handle(.timerFired(.backoff)).isEmpty)
        #expect(t.handle(.timerFired(.supervision)).isEmpty)
        #expect(t.handle(.stopRequested) == [
            .cancelTimer(.registrationPoll), .cancelTimer(.registrationTimeout), .publish(.stateChanged(.stopped)),
        ])
        #expect(t.urc(T.home) == [.publish(.registrationChanged(try! Registration.parse(T.home, form: .unsolicited)))])
        #expect(t.state == .stopped)
        #expect(T.requests(t.handle(.started)) == [.probe])
    }
}

@Suite("Lifecycle state machine: registered without data")
struct LifecycleRegisteredOnlyTests {
    typealias T = LifecycleTranscript

    @Test("without data the lifecycle stops at registered, supervises, and recovers from a loss")
    func registeredOnly() throws {
        var configuration = T.configuration()
        configuration.bringUpData = false
        var t = T(configuration)
        t.bootToRegistration()
        #expect(t.urc(T.home).suffix(2) == [.publish(.stateChanged(.registered)), .send(id: 11, .readOperator)])
        t.reply(.networkOperator(name: "Virtual", technology: nil))
        #expect(t.reply(.signal(rssiDBm: -60)).last == .startTimer(.supervision, .seconds(30)))
        #expect(T.requests(t.handle(.timerFired(.supervision))) == [.readRegistration(.eps)])
        #expect(t.urc("+CGEV: NW PDN DEACT 1").isEmpty)          // no data to lose
        t.urc("+CEREG: 2")
        #expect(t.state == .recovering(attempt: 1, reason: .registrationLost))
        t.handle(.timerFired(.backoff))
        #expect(T.requests(t.reply(.registration(try Registration.parse("+CEREG: 3,5", form: .read))))  == [.readOperator])
        #expect(t.state == .registered)
    }
}
