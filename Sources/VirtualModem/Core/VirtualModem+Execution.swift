/// Where typed bytes go.
enum InputMode: Sendable {
    /// Command lines, through the ``CommandLineAssembler``.
    case command
    /// A payload after a prompt.
    case prompt(Prompt, payload: [UInt8])
}

/// What the command line in progress is doing.
enum Execution: Sendable {
    case idle
    /// Commands still to run on the current line.
    case running(RunningLine)
    /// Busy until a timer or an outside event continues it.
    case waiting(RunningLine)
    case suspended(RunningLine, key: Int, resume: @Sendable (inout VirtualModem, SuspendOutcome) -> CommandResult)

    var isIdle: Bool {
        if case .idle = self { return true }
        return false
    }
}

/// The rest of a command line.
struct RunningLine: Sendable {
    var commands: [ParsedCommand]
    var next: Int
    var failure: CommandLineParser.Failure?
}

extension VirtualModem {
    /// The most bytes typed ahead of a running command that are kept.
    static let typeAheadLimit = 4096

    mutating func receiveByte(_ byte: UInt8) {
        statistics.bytesIn += 1
        guard power.answers else {
            statistics.bytesIgnored += 1
            return
        }
        noteActivity()
        if let call = dataCall, call.online { return dataByte(byte) }
        switch input {
        case .prompt(let prompt, var payload):
            switch prompt.termination {
            case .ctrlZ:
                if byte == 0x1A {
                    input = .command
                    finishPrompt(prompt, payload: payload)
                } else if byte == 0x1B {
                    input = .command
                    finishPrompt(prompt, payload: nil)
                } else {
                    if prompt.echoes && settings.echo { outBytes.append(byte) }
                    if byte == settings.s5 || byte == 0x7F {
                        if !payload.isEmpty { payload.removeLast() }
                    } else if payload.count < 65_536 {
                        payload.append(byte)
                    }
                    input = .prompt(prompt, payload: payload)
                }
            case .length(let count):
                payload.append(byte)
                if payload.count >= count {
                    input = .command
                    finishPrompt(prompt, payload: payload)
                } else {
                    input = .prompt(prompt, payload: payload)
                }
            }
        case .command:
            guard execution.isIdle else {
                if typeAhead.count < Self.typeAheadLimit { typeAhead.append(byte) } else { statistics.bytesIgnored += 1 }
                return
            }
            if settings.echo { outBytes.append(byte) }
            switch assembler.feed(byte) {
            case nil:
                break
            case .line(let body):
                lastLine = body
                executeLine(body)
            case .repeatLast:
                if settings.echo { outBytes.append(settings.s3) }
                executeLine(lastLine)
            case .overflow:
                writeFailure(.error)
            }
        }
    }

    mutating func executeLine(_ body: [UInt8]) {
        statistics.commandLines += 1
        let parsed = CommandLineParser.parse(body)
        execution = .running(RunningLine(commands: parsed.commands, next: 0, failure: parsed.failure))
        runLine()
    }

    /// Runs commands of the current line until one waits or the line ends.
    mutating func runLine() {
        while case .running(var line) = execution {
            guard line.next < line.commands.count else {
                if line.failure != nil { writeFailure(.error) } else { writeFinal("OK", numeric: 0) }
                endLine()
                return
            }
            let command = line.commands[line.next]
            line.next += 1
            execution = .running(line)
            statistics.commands += 1
            let result = dispatch(command)
            apply(result, line: line)
        }
    }

    /// Applies a handler's result to the line it came from.
    mutating func apply(_ result: CommandResult, line: RunningLine) {
        switch result {
        case .ok(let info):
            writeInformation(info)
            execution = .running(line)
        case .error(let failure):
            writeFailure(failure)
            endLine()
        case .final(let info, let final):
            writeInformation(info)
            if let final { writeFinal(final, numeric: nil) }
            endLine()
        case .prompt(let prompt):
            execution = .waiting(line)
            input = .prompt(prompt, payload: [])
            writeRaw(Array(prompt.text.utf8), prefixed: true)
        case .after(let delay, let continuation):
            execution = .waiting(line)
            schedule(after: delay, tag: .command) { modem in
                guard case .waiting(let line) = modem.execution else { return }
                let next = continuation(&modem)
                modem.apply(next, line: line)
                modem.runLine()
            }
        case .suspend(let key, let resume):
            execution = .suspended(line, key: key, resume: resume)
        }
    }

    /// Continues a command suspended under `key`; does nothing if none is.
    mutating func resumeSuspended(_ key: Int, with outcome: SuspendOutcome) {
        guard case .suspended(let line, let suspendedKey, let resume) = execution, suspendedKey == key else { return }
        execution = .waiting(line)
        let result = resume(&self, outcome)
        apply(result, line: line)
        runLine()
    }

    mutating func finishPrompt(_ prompt: Prompt, payload: [UInt8]?) {
        guard case .waiting(let line) = execution else { return }
        let result = prompt.complete(&self, payload)
        apply(result, line: line)
        runLine()
    }

    /// The line is over: held URCs go out, then any bytes typed meanwhile are handled.
    mutating func endLine() {
        execution = .idle
        input = .command
        let held = heldURCs
        heldURCs.removeAll()
        for urc in held { writeURC(urc.lines, payload: urc.payload) }
        if !typeAhead.isEmpty {
            let pending = typeAhead
            typeAhead.removeAll()
            for byte in pending {
                statistics.bytesIn -= 1
                receiveByte(byte)
            }
        }
    }

    /// Abandons whatever command is running (reboot, power off).
    mutating func abandonLine() {
        execution = .idle
        input = .command
        typeAhead.removeAll()
        heldURCs.removeAll()
        assembler.reset()
        timers.cancel(.command)
    }

    mutating func dispatch(_ command: ParsedCommand) -> CommandResult {
        if let faulted = faultResult(for: command) { return faulted }
        guard let handler = handlers.handler(for: command.name) else {
            return .error(command.isExtended ? .notSupported : .error)
        }
        if command.isExtended, command.kind == .set {
            let fields = command.fields
            if fields.unterminatedQuote || fields.strayTextAfterQuote { return .error(.invalidParameter) }
        }
        let result = handler(&self, command)
        if let delay = faultDelay() { return .after(delay) { _ in result } }
        return result
    }
}
