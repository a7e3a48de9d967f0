import ATCodec
import Foundation
import Logging
import ModemKit
import VirtualModem
import VirtualModemHost
import ModemTrace
import ModemTransport

/// What `modemkit demo` does: a virtual modem on the master of a pseudo-terminal, reached
/// through ``SerialTransport`` on the slave (a real serial round trip through the termios
/// path), recorded to a trace file, driven by ``ATClient``.
struct DemoRun {
    /// A command line the engine refused before writing it.
    struct Refusal: Encodable {
        var command: String
        var reason: String
        /// Bytes the modem received while the refused line was handled: 0.
        var bytesWritten: Int
    }

    /// Everything the demo did, for the human and JSON reports.
    struct Report {
        var device: String
        var portSettings: String
        var tracePath: String
        var traceRecords: Int
        var setup: [ATExchange]
        var registrationURCs: [String]
        var info: ModemInfo
        var commands: [ATExchange]
        var refusals: [Refusal]
        var urcs: [ATURC]
        /// What did not go as the demo expects; empty when all did.
        var problems: [String]
    }

    /// The virtual modem of the demo: the generic 3GPP profile, booted at once, registered
    /// 0.5 s later.
    static var modemConfiguration: VirtualModemConfiguration {
        var profile = VirtualModemProfile.generic
        profile.timing.bootTime = .milliseconds(1)
        profile.timing.simBusyTime = .milliseconds(1)
        profile.timing.searchDelay = .milliseconds(200)
        profile.timing.registrationDelay = .milliseconds(300)
        return VirtualModemConfiguration(profile: profile)
    }

    /// The SMS the demo's network delivers in step 5.
    static let incomingMessage = NetworkEvent.incomingSMS(from: "+447700900123", text: "Hello from the virtual network")

    /// Verbose errors, registration URCs with location, new-message URCs (`+CMTI`).
    static let setupLines = ["AT+CMEE=2", "AT+CREG=2", "AT+CNMI=2,1"]
    /// Commands sent after `info`; the last one fails with a typed `+CME ERROR`.
    static let commandLines = ["AT+CSQ", "AT+CSQ", "AT+CREG?", "ATI", "AT+QENG=\"servingcell\""]
    /// A line smuggling a second command (radio off) behind a CR: refused before writing.
    static let injectionAttempt = "AT+CSQ\rAT+CFUN=0"
    /// The bound on each wait for URCs.
    static let urcWait: Duration = .seconds(3)

    let tracePath: String
    let logger: Logger
    /// Reports a step on stderr (only when stderr is a terminal).
    let progress: @Sendable (String) -> Void

    func run() async throws(CLIError) -> Report {
        let pair: PseudoTerminalPair
        do {
            pair = try PseudoTerminalPair()
        } catch {
            throw CLIError("cannot create a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
        }
        let modem = VirtualModemRunner(modem: VirtualModem(configuration: Self.modemConfiguration), transport: pair, sockets: SocketBridge.loopback)
        await modem.start()
        let serial: SerialTransport
        do {
            serial = try SerialTransport(path: pair.slavePath, configuration: SerialConfiguration(baud: 115_200))
        } catch {
            await modem.stop()
            throw CLIError("cannot open \(pair.slavePath): \(ModemConnection.explain(error))", exitCode: CLIExit.transport)
        }
        let settings = "\(serial.configuration), \(serial.backend.rawValue)"
        let connection: ModemConnection
        do {
            connection = try await ModemConnection.recording(serial, to: tracePath, summary: pair.slavePath, baud: 115_200)
        } catch {
            await modem.stop()
            throw error
        }
        let client = ATClient(transport: connection.transport, logger: logger)
        let urcs = URCCollector(client)
        let outcome = await drive(client, modem: modem, urcs: urcs)
        await client.close()
        _ = await urcs.finish()
        let received = await urcs.received
        await connection.close()
        await modem.stop()
        let steps = try outcome.get()
        return Report(
            device: pair.slavePath, portSettings: settings, tracePath: tracePath,
            traceRecords: Self.countRecords(at: tracePath), setup: steps.setup,
            registrationURCs: steps.registrationURCs, info: steps.info, commands: steps.commands,
            refusals: steps.refusals, urcs: received, problems: steps.problems
        )
    }

    /// What the steps produced, before the connection is closed.
    private struct Steps {
        var setup: [ATExchange]
        var registrationURCs: [String]
        var info: ModemInfo
        var commands: [ATExchange]
        var refusals: [Refusal]
        var problems: [String]
    }

    private func drive(_ client: ATClient, modem: VirtualModemRunner, urcs: URCCollector) async -> Result<Steps, CLIError> {
        var problems: [String] = []
        progress("1/5 Setting up the modem (verbose +CME errors, registration and new-message URCs)")
        let setup = await exchange(Self.setupLines, on: client)
        if let lost = setup.first(where: { $0.outcome == .noAnswer || $0.outcome == .connectionLost }) {
            let code = lost.outcome == .noAnswer ? CLIExit.noAnswer : CLIExit.transport
            return .failure(CLIError("the demo modem did not answer: \(lost.error ?? "")", exitCode: code))
        }
        progress("2/5 Waiting for network registration (+CREG URCs)")
        let registered = await urcs.wait(within: Self.urcWait) { received in
            received.contains { $0.name == "+CREG" && ((try? CREG.Unsolicited.parse($0.line))?.status.isRegistered ?? false) }
        }
        if !registered { problems.append("no +CREG URC reported registration within \(describeSeconds(Self.urcWait))") }
        let registrationURCs = await urcs.take().filter { $0.name == "+CREG" }.map(\.text)
        progress("3/5 Reading modem info")
        let info: ModemInfo
        do {
            info = try await ModemInfo.collect(from: client, timeout: .seconds(5))
        } catch {
            return .failure(error)
        }
        progress("4/5 Sending commands, one failing, and an injection attempt")
        let commands = await exchange(Self.commandLines, on: client)
        for command in commands.dropLast() where !command.ok {
            problems.append("\(command.command) did not succeed: \(command.final?.description ?? command.error ?? "")")
        }
        if let last = commands.last, case .failed(.cmeError) = last.outcome {} else {
            problems.append("\(Self.commandLines.last ?? "") did not fail with a +CME ERROR")
        }
        let before = await modem.snapshot.statistics.bytesIn
        var refusals: [Refusal] = []
        do {
            _ = try ATExchange.command(Self.injectionAttempt, timeout: .seconds(5))
            problems.append("the injection attempt was not refused")
        } catch {
            let written = await modem.snapshot.statistics.bytesIn - before
            refusals.append(Refusal(command: Self.injectionAttempt, reason: error.description, bytesWritten: written))
        }
        progress("5/5 An SMS arrives from the virtual network: waiting for its +CMTI")
        await modem.inject(Self.incomingMessage)
        if !(await urcs.wait(within: Self.urcWait) { $0.contains { $0.name == "+CMTI" } }) {
            problems.append("no +CMTI URC within \(describeSeconds(Self.urcWait))")
        }
        return .success(Steps(
            setup: setup, registrationURCs: registrationURCs, info: info, commands: commands,
            refusals: refusals, problems: problems
        ))
    }

    private func exchange(_ lines: [String], on client: ATClient) async -> [ATExchange] {
        var exchanges: [ATExchange] = []
        for line in lines {
            do {
                exchanges.append(await ATExchange.run(try ATExchange.command(line, timeout: .seconds(5)), on: client))
            } catch {
                exchanges.append(ATExchange(command: line, outcome: .unparsable, error: error.description, roundTrip: .zero))
            }
        }
        return exchanges
    }

    /// The number of records in the trace file, read back with ``TraceDocument``.
    static func countRecords(at path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return TraceDocument(parsing: [UInt8](data)).records.count
    }

    /// `$TMPDIR/modemkit-demo-<pid>/demo.trace`, its folder created.
    static func defaultTracePath() throws(CLIError) -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("modemkit-demo-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(folder.path): \(error.localizedDescription)", exitCode: CLIExit.transport)
        }
        return folder.appendingPathComponent("demo.trace").path
    }
}
