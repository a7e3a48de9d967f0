import ATCodec
import ModemCore
import ModemDialects

extension Modem {
    typealias Request = ModemLifecycleStateMachine.Request
    typealias Reply = ModemLifecycleStateMachine.Reply
    typealias Failure = ModemLifecycleStateMachine.RequestFailure

    /// Carries out one lifecycle request with the typed commands of `ATCodec`.
    ///
    ///     .readRegistration(.eps)   → AT+CEREG?          ← +CEREG: 3,1,"1A2B","01A2D001",8
    ///     .defineContext(1, IP, "internet") → AT+CGDCONT=1,"IP","internet"
    ///     .readAddresses(cid: 1)    → AT+CGPADDR=1       ← +CGPADDR: 1,"10.64.1.2"
    ///     .readSIMRetries (quectel) → AT+QPINC="SC"  ← +QPINC: "SC",3,10
    static func perform(
        _ request: Request, on client: ATClient, probeTimeout: Duration, dialect: ModemDialect? = nil
    ) async -> Result<Reply, Failure> {
        switch request {
        case .probe:
            return await run(AT.Execute(), on: client, timeout: probeTimeout).map { .ok }
        case .echoOff:
            return await ok(Echo.Set(on: false), on: client)
        case .verboseErrors:
            return await ok(CMEE.Set(.verbose), on: client)
        case .fixBaudRate(let rate):
            return await ok(IPR.Set(rate: rate), on: client)
        case .selectOperator(let selection):
            do {
                return await ok(try selection.command, on: client)
            } catch {
                return .failure(.invalidArgument(error.description))
            }
        case .registrationReporting(let domain, let mode):
            switch domain {
            case .circuitSwitched: return await ok(CREG.Set(mode: mode), on: client)
            case .gprs: return await ok(CGREG.Set(mode: mode), on: client)
            case .eps: return await ok(CEREG.Set(mode: mode), on: client)
            }
        case .packetEventReporting:
            return await ok(CGEREP.Set(mode: 1), on: client)
        case .identify:
            return await identify(on: client)
        case .readSIM:
            return await run(CPIN.Read(), on: client).map { .sim($0) }
        case .enterPIN(let pin):
            do {
                return await ok(try CPIN.Enter(pin: pin), on: client)
            } catch {
                return .failure(.invalidArgument(error.description))
            }
        case .enterPUK(let puk, let newPIN):
            do {
                return await ok(try CPIN.Enter(puk: puk, newPIN: newPIN), on: client)
            } catch {
                return .failure(.invalidArgument(error.description))
            }
        case .readSIMRetries:
            return await readSIMRetries(on: client, dialect: dialect).map { .simRetries($0) }
        case .requestPSM(let tau, let active):
            return await ok(CPSMS.Set(periodicTAU: tau, activeTime: active), on: client)
        case .requestEDRX(let type, let value):
            return await ok(CEDRXS.Set(accessType: type, value: value), on: client)
        case .readRegistration(let domain):
            let result: Result<Registration, Failure>
            switch domain {
            case .circuitSwitched: result = await run(CREG.Read(), on: client)
            case .gprs: result = await run(CGREG.Read(), on: client)
            case .eps: result = await run(CEREG.Read(), on: client)
            }
            return result.map { .registration($0) }
        case .attach:
            return await ok(CGATT.Set(attached: true), on: client)
        case .defineContext(let cid, let type, let apn):
            do {
                return await ok(try CGDCONT.Set(cid: cid, type: type, apn: apn), on: client)
            } catch {
                return .failure(.invalidArgument(error.description))
            }
        case .authenticate(let cid, let credentials):
            do {
                let authentication: CGAUTH.Authentication = credentials.authentication == .chap ? .chap : .pap
                let command = try CGAUTH.Set(cid: cid, authentication: authentication, username: credentials.username, password: credentials.password)
                return await ok(command, on: client)
            } catch {
                return .failure(.invalidArgument(error.description))
            }
        case .deactivateContext(let cid):
            return await ok(CGACT.Set(active: false, cids: [cid]), on: client)
        case .activateContext(let cid):
            return await ok(CGACT.Set(active: true, cids: [cid]), on: client)
        case .readAddresses(let cid):
            return await run(CGPADDR.Execute(cids: [cid]), on: client).map { lines in
                .addresses(lines.filter { $0.cid == cid }.flatMap(\.addresses))
            }
        case .readOperator:
            return await run(COPS.Read(), on: client).map { .networkOperator(name: $0.operatorName, technology: $0.accessTechnology) }
        case .readSignal:
            return await run(CSQ.Execute(), on: client).map { .signal(rssiDBm: $0.rssiDBm) }
        }
    }

    /// The dialect's own counter command where it has one, else (or when it is refused)
    /// `AT+CPINR="SIM*"` of TS 27.007.
    private static func readSIMRetries(on client: ATClient, dialect: ModemDialect?) async -> Result<SIMRetries, Failure> {
        let vendor: Result<SIMRetries, Failure>?
        switch dialect?.name {
        case ModemDialect.quectel.name: vendor = await run(Quectel.QPINC(), on: client)
        case ModemDialect.simcomSIM800.name, ModemDialect.simcomSIM7600.name: vendor = await run(SIMCom.SPIC(), on: client)
        default: vendor = nil
        }
        switch vendor {
        case .failure(.rejected), .failure(.invalidResponse), nil: return await run(CPINR.Execute(), on: client)
        case .some(let answer): return answer
        }
    }

    /// `AT+CGMI`, `AT+CGMM`, then `AT+CGMR` (optional: some modems refuse it).
    private static func identify(on client: ATClient) async -> Result<Reply, Failure> {
        let manufacturer = await run(CGMI.Execute(), on: client)
        guard case .success(let maker) = manufacturer else { return manufacturer.map { _ in .ok } }
        let model = await run(CGMM.Execute(), on: client)
        guard case .success(let product) = model else { return model.map { _ in .ok } }
        let firmware = try? await run(CGMR.Execute(), on: client).get()
        return .success(.identity(ModemIdentity(manufacturer: maker, model: product, firmware: firmware)))
    }

    private static func ok<C: ATCommand>(_ command: C, on client: ATClient) async -> Result<Reply, Failure> where C.Response == Void {
        await run(command, on: client).map { .ok }
    }

    private static func run<C: ATCommand>(_ command: C, on client: ATClient, timeout: Duration? = nil) async -> Result<C.Response, Failure> {
        do {
            return .success(try await client.send(command, timeout: timeout))
        } catch {
            return .failure(failure(error))
        }
    }

    static func failure(_ error: ATClientError) -> Failure {
        switch error {
        case .commandFailed(_, let final, _): .rejected(final)
        case .timedOut, .deferredResultTimedOut: .timedOut
        case .modemRebooted: .modemRebooted
        case .parseFailed(let error): .invalidResponse(error.description)
        case .encodingFailed(let error): .invalidArgument(error.description)
        case .transportClosed, .cancelled: .transportClosed
        }
    }
}
