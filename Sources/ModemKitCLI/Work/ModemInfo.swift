import ATCodec
import ModemKit

/// What `modemkit info` reports: identity, SIM, signal, registration and operator. Each item
/// holds its value or why it is unavailable (`+CME ERROR: 10 (SIM not inserted)`).
struct ModemInfo: Sendable {
    /// Why one item could not be read.
    struct Unavailable: Error, Sendable, Hashable {
        var reason: String
    }

    typealias Item<Value: Sendable> = Result<Value, Unavailable>

    var manufacturer: Item<String>
    var model: Item<String>
    var firmware: Item<String>
    var imei: Item<IMEI>
    var imsi: Item<IMSI>
    var iccid: Item<ICCID>
    var sim: Item<SIMState>
    var signal: Item<CSQ.SignalQuality>
    var circuitSwitched: Item<Registration>
    var packetSwitched: Item<Registration>
    var eps: Item<Registration>
    var operatorSelection: Item<COPS.Selection>

    /// Reads every item in turn, each command waiting at most `timeout`; a failing item never
    /// stops the others.
    ///
    /// - Throws: ``CLIError`` with ``CLIExit/noAnswer`` when the modem does not answer a plain
    ///   `AT`, or ``CLIExit/transport`` when the connection is lost before that.
    static func collect(from client: ATClient, timeout: Duration) async throws(CLIError) -> ModemInfo {
        do {
            _ = try await client.execute(AT.Execute().context, timeout: timeout)
        } catch .timedOut {
            throw CLIError("the modem did not answer AT within \(describeSeconds(timeout))", exitCode: CLIExit.noAnswer)
        } catch .transportClosed, .modemRebooted {
            throw CLIError("the connection closed before the modem answered AT", exitCode: CLIExit.transport)
        } catch {
            // Any answer, even ERROR, shows the modem is there.
        }
        func read<Command: ATCommand>(_ command: Command) async -> Item<Command.Response> {
            await attempt(command, on: client, timeout: timeout)
        }
        return ModemInfo(
            manufacturer: await read(CGMI.Execute()),
            model: await read(CGMM.Execute()),
            firmware: await read(CGMR.Execute()),
            imei: await read(CGSN.Execute()),
            imsi: await read(CIMI.Execute()),
            iccid: await readICCID(on: client, timeout: timeout),
            sim: await read(CPIN.Read()),
            signal: await read(CSQ.Execute()),
            circuitSwitched: await read(CREG.Read()),
            packetSwitched: await read(CGREG.Read()),
            eps: await read(CEREG.Read()),
            operatorSelection: await read(COPS.Read())
        )
    }

    /// Sends a typed command, waiting at most `timeout`; any failure becomes the item's reason.
    static func attempt<Command: ATCommand>(
        _ command: Command, on client: ATClient, timeout: Duration
    ) async -> Item<Command.Response> {
        await send(command, on: client, timeout: timeout).mapError { Unavailable(reason: reason(for: $0)) }
    }

    /// Sends a typed command with `timeout` instead of the command's own, and parses the answer.
    static func send<Command: ATCommand>(
        _ command: Command, on client: ATClient, timeout: Duration
    ) async -> Result<Command.Response, ATClientError> {
        do {
            return .success(try await client.send(command, timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    /// `+CME ERROR: 10 (SIM not inserted)`, `no answer within 5 s`, a parse error...
    static func reason(for error: ATClientError) -> String {
        switch error {
        case .commandFailed(_, let final, _): final.description
        case .timedOut(_, let after): "no answer within \(describeSeconds(after))"
        default: error.description
        }
    }

    /// Tries `AT+CCID` (SIMCom, u-blox), `AT+ICCID` and `AT+QCCID` (Quectel) in turn, moving on
    /// only when the modem does not know the command (`ERROR`, operation not supported), so
    /// that a missing SIM is reported as such.
    static func readICCID(on client: ATClient, timeout: Duration) async -> Item<ICCID> {
        let attempts: [(String, () async -> Result<ICCID, ATClientError>)] = [
            ("AT+CCID", { await send(CCID.Execute(), on: client, timeout: timeout) }),
            ("AT+ICCID", { await send(ICCID.Execute(), on: client, timeout: timeout) }),
            ("AT+QCCID", { await send(QCCID.Execute(), on: client, timeout: timeout) }),
        ]
        for (_, read) in attempts {
            switch await read() {
            case .failure(.commandFailed(_, .error, _)), .failure(.commandFailed(_, .cmeError(.operationNotSupported), _)):
                continue
            case let result:
                return result.mapError { Unavailable(reason: reason(for: $0)) }
            }
        }
        return .failure(Unavailable(reason: "not supported (tried \(attempts.map(\.0).joined(separator: ", ")))"))
    }
}
