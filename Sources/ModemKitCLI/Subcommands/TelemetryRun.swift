import ArgumentParser
import Foundation
import ModemTelemetry
import Telemetry

extension ModemKitCommand {
    /// `modemkit telemetry run`: the daemon.
    struct TelemetryRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Queue readings from stdin, a file or a command, and deliver them until stopped.",
            discussion: """
                Readings are JSON lines: from stdin (the default), from --input FILE, or from the \
                output of --command, run every --interval seconds. Each valid line enters the \
                outbox; an invalid or oversized line is reported with its line number and the \
                rest go on. Readings are delivered to the --to destinations in order of \
                preference, retried with backoff, and sent by SMS once data has been down for \
                --sms-after seconds. At the end of stdin or the file, it delivers what is queued \
                and exits; Ctrl-C or SIGTERM stops it cleanly after the batch in flight.

                  some-sensor | modemkit telemetry run --config /etc/modemkit/telemetry.yaml
                  modemkit telemetry run --sim quectel-bg96 --to mqtt://127.0.0.1:1883/m --command 'read-meter' --interval 60

                Exit codes: 0 stopped with everything delivered; 1 stopped with readings still \
                queued (they go on the next run); 2 usage error; 4 the device or outbox failed.
                """
        )

        @OptionGroup var telemetry: TelemetryOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("JSON-lines file to read ('-' for stdin, the default).", valueName: "file"))
        var input: String?
        @Option(help: ArgumentHelp("Shell command whose output lines are readings, run every --interval.", valueName: "command"))
        var command: String?
        @Option(help: ArgumentHelp("Seconds between runs of --command (default 60).", valueName: "seconds"))
        var interval: Double?
        @Option(help: ArgumentHelp(
            "Deliver in cycles of this many seconds, closing every connection in between so a modem with PSM granted (AT+CPSMS) can sleep.",
            valueName: "seconds"))
        var cycle: Double?

        func validate() throws {
            if input != nil, command != nil { throw ValidationError("Give --input or --command, not both.") }
            if let interval, !(interval >= 0.01 && interval <= 86_400) { throw ValidationError("--interval must be between 0.01 and 86400 seconds.") }
            if let cycle, !(cycle >= 1 && cycle <= 86_400) { throw ValidationError("--cycle must be between 1 and 86400 seconds.") }
        }

        struct Summary: Encodable {
            var queued = 0
            var invalid = 0
            var delivered = 0
            var rejected = 0
            var failures = 0
            var stillQueued = 0
        }

        func run() async throws {
            let settings = try telemetry.resolved()
            let file = try telemetry.config.map { path throws(CLIError) in try TelemetryConfigFile.load(path) }
            let source = try ReadingSource(
                input: input ?? file?.input, command: command ?? file?.command, interval: interval ?? file?.interval ?? 60)
            let session = try await TelemetrySession.open(settings, logging: logging)
            let counts = TelemetryProgress()
            let agent = session.agent
            let outbox = session.outbox
            let cycle = self.cycle.map { Duration.milliseconds(Int64($0 * 1000)) }
            let running = Task {
                if let cycle {
                    // Waking a sleeping modem is the hardware's (PWRKEY, PSM_EINT) or the next AT
                    // command's; resting is closing the connections, which the cycle does.
                    await agent.runCycles(every: cycle, wake: {}, rest: {})
                } else {
                    await agent.run()
                }
            }
            let json = output.json
            let progress = Task { await counts.follow(agent.events, json: json) }
            let reader = Task {
                await source.read { line in
                    switch line.result {
                    case .success(let bytes):
                        do {
                            _ = try outbox.enqueue(bytes)
                            await counts.queued()
                            await agent.notifyEnqueued()
                        } catch {
                            Console.error("line \(line.number): \(error)")
                            await counts.invalid()
                        }
                    case .failure(let error):
                        Console.error("not a reading: \(error)")
                        await counts.invalid()
                    }
                }
                // End of input: deliver what is queued, then stop.
                while !Task.isCancelled, ((try? outbox.status().depth) ?? 0) > 0 {
                    try? await ContinuousClock().sleep(for: .milliseconds(100))
                }
                await agent.stop()
            }
            await running.value
            reader.cancel()
            await session.close()
            progress.cancel()
            var summary = await counts.summary
            summary.stillQueued = (try? session.outbox.status().depth) ?? 0
            if output.json {
                try Console.json(summary)
            } else {
                Console.out("queued \(summary.queued), invalid \(summary.invalid), delivered \(summary.delivered), rejected \(summary.rejected), failed attempts \(summary.failures), still queued \(summary.stillQueued)")
            }
            if summary.stillQueued > 0 { throw ExitCode(CLIExit.modemError) }
        }
    }
}

/// Counts what the agent reports and shows it on a terminal (or logs it as JSON lines).
actor TelemetryProgress {
    private(set) var summary = ModemKitCommand.TelemetryRun.Summary()

    func queued() { summary.queued += 1 }
    func invalid() { summary.invalid += 1 }

    func follow(_ events: AsyncStream<TelemetryAgent.Event>, json: Bool) async {
        for await event in events {
            switch event {
            case .delivered(let count, let destination):
                summary.delivered += count
                Console.progress("delivered \(count) to \(destination) (\(summary.delivered) of \(summary.queued))")
            case .rejected(let id, let reason, let destination):
                summary.rejected += 1
                Console.error("dropped \(id): \(destination) refused it: \(reason)")
            case .failed(let destination, let reason, let retryIn):
                summary.failures += 1
                let retry = retryIn.map { String(format: "; retry in %.1f s", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) } ?? ""
                Console.error("\(destination): \(reason)\(retry)")
            case .idle:
                break
            case .queueFailed(let reason):
                Console.error("outbox: \(reason)")
            }
        }
    }
}

/// Where `telemetry run` reads readings: stdin, a file, or a command run on an interval.
struct ReadingSource: Sendable {
    enum Kind: Sendable {
        case descriptor(Int32, closeAfter: Bool)
        case command(String, every: Duration)
    }

    let kind: Kind

    init(input: String?, command: String?, interval: Double) throws(CLIError) {
        if let command {
            guard !command.isEmpty else { throw CLIError("--command is empty", exitCode: CLIExit.usage) }
            kind = .command(command, every: .milliseconds(Int64(interval * 1000)))
        } else if let input, input != "-" {
            let descriptor = open(input, O_RDONLY)
            guard descriptor >= 0 else {
                throw CLIError("cannot open \(input): \(String(cString: strerror(errno)))", exitCode: CLIExit.usage)
            }
            kind = .descriptor(descriptor, closeAfter: true)
        } else {
            kind = .descriptor(STDIN_FILENO, closeAfter: false)
        }
    }

    /// Hands every line to `handle`, numbered from 1 across the whole input; returns at the end
    /// of the input (never, for a command, until cancelled).
    func read(_ handle: @Sendable (ReadingLines.Line) async -> Void) async {
        switch kind {
        case .descriptor(let descriptor, let closeAfter):
            var lines = ReadingLines()
            for await chunk in Self.chunks(of: descriptor, closeAfter: closeAfter) {
                for line in lines.append(chunk) { await handle(line) }
            }
            if let last = lines.finish() { await handle(last) }
        case .command(let command, let interval):
            var lines = ReadingLines()
            while !Task.isCancelled {
                let started = ContinuousClock.now
                for line in lines.append(await Self.outputOffThePool(of: command)) { await handle(line) }
                if let last = lines.finish() { await handle(last) }
                try? await ContinuousClock().sleep(until: started + interval)
            }
        }
    }

    /// Reads a descriptor on a thread of its own (reads block).
    static func chunks(of descriptor: Int32, closeAfter: Bool) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            let thread = Thread {
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    continuation.yield(Array(buffer[0..<count]))
                }
                if closeAfter { close(descriptor) }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// ``output(of:)`` on a thread of its own: waiting for a process must not hold one of the
    /// few threads Swift concurrency runs everything else on.
    static func outputOffThePool(of command: String) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: output(of: command)) }.start()
        }
    }

    /// Runs `command` with /bin/sh and returns what it printed on stdout.
    static func output(of command: String) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            Console.error("cannot run the command: \(error.localizedDescription)")
            return []
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { Console.error("the command exited with status \(process.terminationStatus)") }
        var bytes = Array(data)
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }
}
