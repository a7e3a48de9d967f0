import ArgumentParser
import Foundation
import ModemReplay
import ModemTrace
import ModemTransport

extension ModemKitCommand.Replay {
    /// `modemkit replay serve FILE`: the recorded modem on a pseudo-terminal.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play the modem's side of a trace on a pseudo-terminal, for a program to run against.",
            discussion: """
                Prints the device path on its first line. Replies recorded before the first write \
                (boot URCs) are sent at once; each later reply follows the write it answered. The \
                program's writes are compared with the recorded ones (--matching strict: byte for \
                byte, tolerant: ignoring case, spaces and CR/LF differences); `***` in a redacted \
                write matches any secret. At the first difference the pseudo-terminal is closed and \
                the place is reported: the trace line, the expected and the written bytes.

                Exit codes: 0 the whole recording was played without a difference; 1 the program \
                wrote something else (or Ctrl-C before the end); 2 usage error or unreadable trace; \
                4 the pseudo-terminal could not be created.
                """
        )

        @Argument(help: ArgumentHelp("The trace file (`--record` output).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Make a symlink to the pseudo-terminal at this path (e.g. /tmp/ttyREPLAY).", valueName: "path"))
        var pty: String?

        @Option(help: "How writes are compared with the recording: strict or tolerant.")
        var matching: String = ReplayStateMachine.Matching.strict.rawValue

        @Option(help: ArgumentHelp("Play this many times faster than recorded (0.5: half speed).", valueName: "factor"))
        var speed: Double = 1

        @Flag(help: "Send each reply at once instead of with its recorded delay.")
        var immediate = false

        @Flag(help: "Keep serving after the end of the recording (later writes are reported), until Ctrl-C.")
        var stay = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard ReplayStateMachine.Matching(rawValue: matching) != nil else {
                throw ValidationError("--matching is strict or tolerant, not '\(matching)'.")
            }
            guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number.") }
        }

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CLIError("cannot read \(file): \(error.localizedDescription)", exitCode: CLIExit.usage)
            }
            let (script, errors) = ReplayScript.parse(text)
            guard errors.isEmpty else {
                for error in errors { Console.error("modemkit: \(file): \(error)") }
                throw CLIError("\(file): \(errors.count) line(s) cannot be read; fix them before replaying", exitCode: CLIExit.usage)
            }
            let pair: PseudoTerminalPair
            do {
                pair = try PseudoTerminalPair(symlinkPath: pty)
            } catch {
                throw CLIError("cannot create a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
            }
            Console.out(pty ?? pair.slavePath)
            let options = ReplayStateMachine.Options(
                matching: ReplayStateMachine.Matching(rawValue: matching) ?? .strict,
                timing: immediate ? .immediate : (speed == 1 ? .recorded : .scaled(1 / speed)))
            let file = self.file
            let player = ReplayPlayer(script: script, options: options, stopWhenFinished: !stay) { action in
                switch action {
                case .emit(let bytes, let line): Console.progress("replay: line \(line): sent \(bytes.count) bytes")
                case .mismatch(let mismatch): Console.error("modemkit: \(file): \(mismatch)")
                case .finished: Console.progress("replay: end of the recording")
                case .startTimer: break
                }
            }
            let signals = SignalStop { await pair.close() }
            let report = await player.run(on: pair)
            signals.cancel()
            await pair.close()
            if output.json {
                try Console.json(ServeSummary(report))
            } else {
                Console.out(report.description)
            }
            if !report.succeeded { throw ExitCode(CLIExit.modemError) }
        }
    }
}

/// The `--json` summary of a replay.
struct ServeSummary: Encodable {
    var finished: Bool
    var stepsPlayed: Int
    var totalSteps: Int
    var repliesSent: Int
    var mismatches: [String]

    init(_ report: ReplayReport) {
        finished = report.finished
        stepsPlayed = report.stepsPlayed
        totalSteps = report.totalSteps
        repliesSent = report.repliesEmitted
        mismatches = report.mismatches.map(\.description)
    }
}
