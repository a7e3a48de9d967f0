/// What a command handler answers. The engine turns it into bytes in the current `ATV`/`ATQ`/
/// `+CMEE` form and runs the rest of the command line.
///
///     AT+CSQ             → .ok(["+CSQ: 20,99"])           → "\r\n+CSQ: 20,99\r\n\r\nOK\r\n"
///     AT+CPIN="0000"     → .error(.cme(16))               → "\r\n+CME ERROR: incorrect password\r\n" (CMEE=2)
///     AT+CIPSEND=0,5     → .prompt(...)                   → "\r\n> " then, after 5 bytes/Ctrl-Z, its result
///     AT+COPS=?          → .after(.seconds(3)) { ... }    → the list three seconds later
///     AT+CIFSR (SIM800)  → .final(["10.0.0.7"], nil)      → "\r\n10.0.0.7\r\n" and no OK
public enum CommandResult: Sendable {
    /// Information lines; the line goes on with its next command and ends in `OK`.
    case ok([String])
    /// The command failed; the rest of the line is not run.
    case error(ModemFailure)
    /// Information lines then a vendor final line (`SEND OK`), or none at all; ends the line.
    case final([String], String?)
    /// Prints a prompt and waits for a payload.
    case prompt(Prompt)
    /// The modem is busy for a while, then answers what the continuation says.
    case after(Duration, @Sendable (inout VirtualModem) -> CommandResult)
    /// The modem is busy until something outside (a socket) answers; see
    /// `VirtualModem.resumeSuspended(_:with:)`.
    case suspend(key: Int, @Sendable (inout VirtualModem, SuspendOutcome) -> CommandResult)

    public static let ok = CommandResult.ok([])
}

/// Why a suspended command resumes.
public enum SuspendOutcome: Sendable, Equatable {
    case success
    case failure(String)
}

/// A payload prompt (`> ` for `+CMGS`/`+CIPSEND`, `@` for u-blox binary writes).
public struct Prompt: Sendable {
    /// How the payload ends.
    public enum Termination: Sendable, Equatable {
        /// Ctrl-Z sends, ESC cancels (text and PDU SMS, SIMCom sends without a length).
        case ctrlZ
        /// Exactly this many bytes, binary (Quectel `+QISEND=0,5`, `+CIPSEND=0,5`).
        case length(Int)
    }

    public var text: String
    public var termination: Termination
    /// Whether the modem echoes the payload (when echo is on), as SMS text entry does.
    public var echoes: Bool
    /// Called with the payload, or `nil` when ESC cancelled it.
    public var complete: @Sendable (inout VirtualModem, [UInt8]?) -> CommandResult

    public init(
        text: String = "> ", termination: Termination, echoes: Bool = false,
        complete: @escaping @Sendable (inout VirtualModem, [UInt8]?) -> CommandResult
    ) {
        self.text = text
        self.termination = termination
        self.echoes = echoes
        self.complete = complete
    }
}

/// A failed command's result code.
public enum ModemFailure: Sendable, Equatable {
    /// Plain `ERROR`.
    case error
    /// `+CME ERROR: n` (or `ERROR` when `+CMEE=0`).
    case cme(Int)
    /// `+CMS ERROR: n`.
    case cms(Int)

    // Codes the handlers use often (TS 27.007 §9.2, TS 27.005 §3.2.5).
    public static let notAllowed = ModemFailure.cme(3)
    public static let notSupported = ModemFailure.cme(4)
    public static let simNotInserted = ModemFailure.cme(10)
    public static let simPINRequired = ModemFailure.cme(11)
    public static let simPUKRequired = ModemFailure.cme(12)
    public static let simBusy = ModemFailure.cme(14)
    public static let incorrectPassword = ModemFailure.cme(16)
    public static let invalidIndex = ModemFailure.cme(21)
    public static let noNetwork = ModemFailure.cme(30)
    public static let invalidCharacters = ModemFailure.cme(25)
    public static let invalidParameter = ModemFailure.cme(50)
    public static let unknown = ModemFailure.cme(100)
}
