import ATCodec

/// What the decoder infers about a command from its text alone: which lines are its own, whether
/// a prompt follows, what it changes in the modem's state.
///
///     CommandShape("AT+CEREG?", urcs: .standard).prefixes       // ["+CEREG:"], read shape checked (a +CEREG: 2 URC stays a URC)
///     CommandShape("AT+CREG=2", urcs: .standard).prefixes       // []: a set command prints no +CREG: line, so +CREG: 2 is a URC
///     CommandShape("AT+CMGS=23", urcs: .standard).expectsPrompt // true
///     CommandShape("AT+CMEE=1;+CSQ", urcs: .standard).prefixes  // ["+CMEE:", "+CSQ:"]
final class CommandShape: Sendable {
    /// The classifier's view of the command.
    let context: ATCommandContext
    /// Prefixes of the command's own information lines.
    let prefixes: [String]
    /// Whether the modem answers with `>` and the host then writes a payload ended by Ctrl-Z.
    let expectsPrompt: Bool
    /// `+CMGF=<mode>` in the line: the SMS mode after an `OK` (true = text).
    let setsTextMode: Bool?
    /// The command lists or reads stored SMS (`+CMGR`, `+CMGL`): bare lines after its header are PDUs.
    let readsMessages: Bool

    /// Commands that answer with a prompt and take a payload: TS 27.005 and the vendor send commands.
    private static let promptingCommands: Set<String> = [
        "+CMGS", "+CMGW", "+CMGC", "+CNMA", "+QISEND", "+CIPSEND", "+USOWR", "+USOST", "+CASEND",
    ]
    /// Lines that end particular vendor commands instead of `OK` (SIMCom and Quectel socket sends,
    /// SIMCom's shut and close).
    private static let commandFinals: [String: [ATFinalPattern]] = [
        "+CIPSEND": ATFinalPattern.sendResult("SEND OK", success: true) + ATFinalPattern.sendResult("SEND FAIL", success: false)
            + [ATFinalPattern(.prefix("DATA ACCEPT:"), success: true)],
        "+QISEND": ATFinalPattern.sendResult("SEND OK", success: true) + ATFinalPattern.sendResult("SEND FAIL", success: false),
        "+CIPSHUT": [ATFinalPattern(.exact("SHUT OK"), success: true)],
        "+CIPCLOSE": ATFinalPattern.sendResult("CLOSE OK", success: true),
    ]
    private static let hasReadShape: @Sendable (ArraySlice<UInt8>) -> Bool = { Registration.hasReadShape($0) }
    private static let registrationNames: Set<String> = ["+CREG", "+CGREG", "+CEREG", "+C5GREG"]

    convenience init(_ text: String, urcs: URCRegistry, payloadEcho: [UInt8]? = nil) {
        var prefixes: [String] = []
        var expectsPrompt = false
        var setsTextMode: Bool?
        var readsMessages = false
        var ownsByReadShape = false
        var finals: [ATFinalPattern] = []
        let body = text.utf8.count >= 2 ? Substring(text).dropFirst(2) : Substring(text)
        for segment in body.split(separator: ";", omittingEmptySubsequences: true) {
            guard let first = segment.first, "+^$#*%&".contains(first) else { continue }
            let name = segment.prefix { !"=?".contains($0) }.uppercased()
            guard name.count > 1 else { continue }
            let rest = segment.dropFirst(name.count)
            let isTest = rest.hasPrefix("=?")
            let isRead = rest == "?"
            let isSet = rest.hasPrefix("=") && !isTest
            // SIM800's single-connection AT+CIPSEND prompts without parameters too.
            if Self.promptingCommands.contains(name), isSet || (name == "+CIPSEND" && rest.isEmpty) {
                // +CNMA=<n> alone acknowledges without a PDU; +CNMA=<n>,<length> prompts.
                expectsPrompt = name != "+CNMA" || rest.contains(",")
            }
            if name == "+CMGF", isSet { setsTextMode = rest.dropFirst().trimmingPrefix(" ").hasPrefix("1") }
            if name == "+CMGR" || name == "+CMGL" { readsMessages = true }
            if !isRead, !isTest { finals += Self.commandFinals[name] ?? [] }
            let prefix = name + ":"
            // A set or execute form of a command whose prefix is also a URC prints no line of
            // that prefix: such lines during it are URCs (+CREG: 2 after AT+CREG=2).
            if !isRead, !isTest, urcs.match(ArraySlice(prefix.utf8)) != nil { continue }
            if isRead, Self.registrationNames.contains(name) { ownsByReadShape = true }
            prefixes.append(prefix)
        }
        self.init(
            context: ATCommandContext(
                echo: text,
                prefixes: prefixes,
                acceptsBareLines: true,
                finals: finals,
                payloadEcho: payloadEcho,
                ownsLine: ownsByReadShape ? Self.hasReadShape : nil
            ),
            prefixes: prefixes, expectsPrompt: expectsPrompt, setsTextMode: setsTextMode, readsMessages: readsMessages)
    }

    private init(context: ATCommandContext, prefixes: [String], expectsPrompt: Bool, setsTextMode: Bool?, readsMessages: Bool) {
        self.context = context
        self.prefixes = prefixes
        self.expectsPrompt = expectsPrompt
        self.setsTextMode = setsTextMode
        self.readsMessages = readsMessages
    }

    /// The shape of `command` (the text this shape was made from) once `payload` was written
    /// after its prompt: the same as `CommandShape(command, urcs:, payloadEcho: payload)`,
    /// without parsing the command again.
    func echoing(_ payload: [UInt8], command: String) -> CommandShape {
        CommandShape(
            context: ATCommandContext(
                echo: command,
                prefixes: prefixes,
                acceptsBareLines: context.acceptsBareLines,
                finals: context.finals,
                payloadEcho: payload,
                ownsLine: context.ownsLine
            ),
            prefixes: prefixes, expectsPrompt: expectsPrompt, setsTextMode: setsTextMode, readsMessages: readsMessages)
    }
}
