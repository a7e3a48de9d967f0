import ATCodec
import ModemKit
import SMSPDU

/// Opens the connection, starts an ``SMSService`` on it, runs `body` with the service and its
/// events (subscribed before the start) and closes everything;
/// ``SMSServiceError``s become ``CLIError``s with the exit code that fits.
enum SMSSession {
    static func run<T: Sendable>(
        _ options: ConnectionOptions, logging: LoggingOptions, configuration: SMSService.Configuration = .init(),
        _ body: (SMSService, AsyncStream<SMSServiceEvent>) async throws(SMSServiceError) -> T
    ) async throws(CLIError) -> T {
        let connection = try await ModemConnection.open(options)
        Console.progress("Connected to \(connection.summary)")
        let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
        let service = SMSService(client: client, configuration: configuration, logger: logging.logger(label: "modemkit.sms"))
        let events = service.events()   // before start: nothing it triggers is missed
        let result: Result<T, SMSServiceError>
        do {
            try await service.start()
            result = .success(try await body(service, events))
        } catch {
            result = .failure(error)
        }
        await service.stop()
        await client.close()
        await connection.close()
        switch result {
        case .success(let value): return value
        case .failure(let error): throw cliError(error)
        }
    }

    /// 2 for what was refused before sending, 3 for no answer, 4 for a lost connection, else 1.
    static func cliError(_ error: SMSServiceError) -> CLIError {
        let code: Int32 = switch error {
        case .invalidNumber, .unsendableText, .textModeTooLong, .invalidArgument: CLIExit.usage
        case .noUSSDAnswer: CLIExit.noAnswer
        case .undecodablePDU: CLIExit.modemError
        case .modem(let failure, _):
            switch failure {
            case .timedOut, .deferredResultTimedOut: CLIExit.noAnswer
            case .transportClosed, .modemRebooted: CLIExit.transport
            default: CLIExit.modemError
            }
        }
        let suffix = code == CLIExit.usage ? " Nothing was sent." : ""
        return CLIError("\(error)\(suffix)", exitCode: code)
    }

    /// `gsm7`, `gsm7+turkish` or `ucs2`, as printed and in JSON.
    static func name(_ encoding: SMSEncoding) -> String {
        switch encoding {
        case .ucs2: "ucs2"
        case .gsm7(let locking, let single):
            (["gsm7"] + [locking, single].compactMap { $0.map { "\($0)" } }.uniqued()).joined(separator: "+")
        }
    }
}

extension Array where Element == String {
    fileprivate func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

/// A received or stored message as `modemkit sms` prints it in JSON.
struct SMSMessageOutput: Encodable {
    var from: String?
    var text: String?
    var parts: Int?
    var missingParts: [Int]?
    var complete: Bool?
    var timestamp: String?
    var flash: Bool?
    var storage: String?
    var index: Int?
    var status: String?
    var pdu: String?

    init(_ message: SMSReceivedMessage) {
        from = message.originator
        text = message.text
        parts = message.partCount
        missingParts = message.missingParts
        complete = message.isComplete
        timestamp = message.timestamp?.description
        flash = message.messageClass == .class0
    }

    init(_ stored: SMSStoredMessage, pdu: String?) {
        from = stored.number
        text = stored.text
        storage = stored.storage.rawValue
        index = stored.index
        status = stored.status.text
        self.pdu = pdu
        if case .deliver(let deliver) = stored.pdu.tpdu {
            timestamp = deliver.serviceCentreTimestamp.description
            flash = deliver.dataCodingScheme.messageClass == .class0
        }
    }

    /// `[3] REC UNREAD +447700900123 2026-01-01 10:00:00+00:00: hello`.
    var human: String {
        var line = ""
        if let index { line += "[\(index)] " }
        if let status { line += status + " " }
        line += from ?? "?"
        if let timestamp { line += " " + timestamp }
        if let parts, parts > 1 { line += " (\(parts) parts" + ((missingParts ?? []).isEmpty ? ")" : ", missing \(missingParts ?? []))") }
        if flash == true { line += " [flash]" }
        return line + ": " + (text ?? "(no text)")
    }
}
