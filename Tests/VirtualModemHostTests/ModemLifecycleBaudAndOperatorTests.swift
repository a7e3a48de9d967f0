import ATCodec
import ModemCore
import ModemKit
import ModemKitTestSupport
import ModemTransport
import Testing
import VirtualModem
import VirtualModemHost

/// Layer 5: baud detection and manual operator selection, the ``Modem`` over the real serial
/// transport against the virtual modem on a pty.
@Suite("Modem lifecycle: baud detection and operator selection over a pty", .serialized)
struct ModemLifecycleBaudAndOperatorTests {
    typealias E2E = ModemLifecycleEndToEndTests

    /// A virtual modem of `profile` (its UART at `modemBaud` when given) and a ``Modem`` on
    /// the pty's client side at `clientBaud`.
    func start(
        _ profileName: String, modemBaud: Int? = nil, clientBaud: Int = 115_200,
        configure: (inout ModemLifecycleStateMachine.Configuration) -> Void
    ) async throws -> (E2E.Session, AsyncStream<ModemStatusEvent>) {
        let profile = try #require(VirtualModemProfile.named(profileName))
        let vm = try await VirtualModemOnPTY.start(VirtualModemConfiguration(profile: profile, baudRate: modemBaud))
        let port = try SerialTransport(path: vm.path, baud: clientBaud)
        let client = ATClient(transport: port)
        var lifecycle = E2E.lifecycle
        lifecycle.probeAttempts = 2
        configure(&lifecycle)
        let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle, probeTimeout: .milliseconds(200)))
        let status = modem.status()
        await modem.start()
        return (E2E.Session(vm: vm, client: client, modem: modem), status)
    }

    @Test("the pty master reads the speed the client set on the slave")
    func masterSeesSlaveSpeed() async throws {
        let pty = try PseudoTerminalPair()
        let port = try SerialTransport(path: pty.slavePath, baud: 9600)
        #expect(pty.peerBaudRate == 9600)
        try await port.setBaudRate(57_600)
        #expect(pty.peerBaudRate == 57_600 && port.baudRate == 57_600)
        #expect(port.descriptionForLog.hasSuffix("@57600"))
        await port.close()
        await pty.close()
    }

    @Test("a modem at 9600, the client at 115200 with detection: 9600 is found and data comes up")
    func detects() async throws {
        let (session, status) = try await start("quectel-bg96", modemBaud: 9600) {
            $0.baudDetection = .init(candidates: [115_200, 57_600, 9600], probesPerRate: 2)
        }
        let (addresses, events) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        #expect(events.contains(.baudRateDetected(9600)))
        #expect(events.contains(.stateChanged(.detectingBaud(rate: 57_600, attempt: 1))))
        // A detection round that loses an answer to a loaded machine (200 ms per probe) fails
        // and starts again after the backoff: the outcome is what matters, not the round count.
        #expect(await session.modem.snapshot.detectedBaudRate == 9600)
        #expect(session.vm.pty.peerBaudRate == 9600)
        await session.stop()
    }

    @Test("a modem at 9600, the client at 115200 without detection: a typed failure naming 115200")
    func detectionOff() async throws {
        let (session, status) = try await start("simcom-sim800", modemBaud: 9600) { _ in }
        let (failure, _) = try await E2E().next(status) { event -> ProbeFailure? in
            if case .probeFailed(let failure) = event { return failure }
            return nil
        }
        #expect(failure == ProbeFailure(baudRates: [115_200], detectionEnabled: false))
        #expect(failure.description.contains("did not answer AT at 115200 bit/s"))
        #expect(failure.description.contains("--detect-baud"))
        // The modem heard framing garbage, never a command.
        let heard = await session.vm.runner.recentInput
        #expect(!heard.isEmpty && heard.allSatisfy { $0 >= 0x80 })
        await session.stop()
    }

    @Test("manual selection of a listed network registers and brings data up", arguments: ["quectel-bg96", "simcom-sim800"])
    func manualSelection(profile: String) async throws {
        let plmn = try PLMN("00102")
        let (session, status) = try await start(profile) { $0.operatorSelection = .manual(plmn) }
        let (addresses, events) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        #expect(events.contains(.stateChanged(.selectingOperator(.manual(plmn)))))
        let typed = String(decoding: await session.vm.runner.recentInput, as: UTF8.self)
        #expect(typed.contains("AT+COPS=1,2,\"00102\"\r"))
        // Read back: the network chosen, in the numeric format of the selection.
        let (name, _) = try await E2E().next(status) { if case .operatorChanged(let name, _) = $0 { name } else { nil } }
        #expect(name == "00102")
        await session.stop()
    }

    @Test("manual selection the network refuses: typed failure with code and meaning, then backoff", arguments: [
        ("quectel-bg96", "26201", 30), ("simcom-sim800", "26201", 30), ("quectel-bg96", "00103", 32), ("ublox-sara-r4", "00103", 32),
    ])
    func refused(profile: String, plmn: String, code: Int) async throws {
        let network = try PLMN(plmn)
        let (session, status) = try await start(profile) { $0.operatorSelection = .manual(network) }
        let (failure, _) = try await E2E().next(status) { event -> OperatorSelectionFailure? in
            if case .operatorSelectionFailed(let failure) = event { return failure }
            return nil
        }
        #expect(failure.command == "AT+COPS=1,2,\"\(plmn)\"")
        #expect(failure.code == code)
        #expect(failure.meaning == CMEError(code: code).text)
        let (reason, _) = try await E2E().next(status) { event -> ModemLifecycleStateMachine.RecoveryReason? in
            if case .stateChanged(.recovering(_, let reason)) = event { return reason }
            return nil
        }
        #expect(reason == .operatorRejected(command: failure.command, failure.result))
        // After the backoff it selects again (and is refused again).
        _ = try await E2E().next(status) { $0 == .stateChanged(.selectingOperator(.manual(network))) ? true : nil }
        await session.stop()
    }

    @Test("a forbidden network with fallback: refused, AT+COPS=0, data comes up")
    func fallback() async throws {
        let selection = OperatorSelection.manual(try PLMN("00103"), fallback: true)
        let (session, status) = try await start("simcom-sim7600") { $0.operatorSelection = selection }
        let (addresses, events) = try await E2E().next(status, E2E.addresses)
        #expect(!addresses.isEmpty)
        #expect(events.contains { if case .operatorSelectionFailed(let f) = $0 { f.code == 32 } else { false } })
        #expect(events.contains(.stateChanged(.selectingOperator(.automatic))))
        await session.stop()
    }
}
