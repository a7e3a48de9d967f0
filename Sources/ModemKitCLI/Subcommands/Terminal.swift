import ArgumentParser
import Foundation
import ModemCore

extension ModemKitCommand {
    /// `modemkit terminal`: an interactive AT session straight on the transport.
    struct Terminal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Interactive AT session: type commands, see everything the modem prints.",
            discussion: """
                Each line you type is sent with CR; output is shown as it arrives, with \
                non-printable bytes as \\xNN. End a line with ^Z to send Ctrl-Z instead of CR \
                (to finish an SMS after the > prompt) or with ^[ to send ESC (to cancel it). \
                Lines holding other control characters are refused unless --allow-control. \
                Type quit or press Ctrl-D to leave.

                Exit codes: 0 you left; 2 usage error; 4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var logging: LoggingOptions

        @Flag(name: .customLong("allow-control"), help: "Send control characters typed inside a line as they are.")
        var allowControl = false

        /// How long the modem must stay quiet, after input ends and it has answered the last
        /// line, before the session closes.
        static let quietPeriod: Duration = .milliseconds(300)
        /// The longest wait, after input ends, for that answer and that quiet.
        static let drainLimit: Duration = .seconds(5)

        enum Event: Sendable {
            case line(String)
            case inputEnded
            case received([UInt8])
            case connectionClosed
            case tick
        }

        func run() async throws {
            let connection = try await ModemConnection.open(self.connection)
            let transport = connection.transport
            Console.progress("Connected to \(connection.summary).")
            Console.progress("Type AT commands; end a line with ^Z for Ctrl-Z or ^[ for ESC; quit or Ctrl-D leaves.")
            let (events, sink) = AsyncStream.makeStream(of: Event.self)
            let reader = Task {
                while true {
                    do {
                        sink.yield(.received(try await transport.read()))
                    } catch {
                        sink.yield(.connectionClosed)
                        return
                    }
                }
            }
            Self.readStandardInput(into: sink)
            let renderer = TerminalCodec.Renderer()
            let clock = ContinuousClock()
            var lastActivity = clock.now
            var answeredSinceLastWrite = true
            var closedByModem = false
            // Once input ends, what the modem still prints is shown until it has answered the
            // last line and then been quiet for `quietPeriod`, so piped input sees its answers.
            var drainDeadline: ContinuousClock.Instant?
            var ticker: Task<Void, Never>?
            loop: for await event in events {
                switch event {
                case .received(let bytes):
                    Console.outRaw(renderer.render(bytes))
                    lastActivity = clock.now
                    answeredSinceLastWrite = true
                case .connectionClosed:
                    closedByModem = true
                    break loop
                case .tick:
                    guard let deadline = drainDeadline else { continue }
                    let quiet = answeredSinceLastWrite && clock.now - lastActivity >= Self.quietPeriod
                    if quiet || clock.now >= deadline { break loop }
                case .inputEnded, .line:
                    guard drainDeadline == nil else { continue }
                    if case .line(let line) = event, !Self.isQuit(line) {
                        do {
                            try await transport.write(try TerminalCodec.encode(line, allowControl: allowControl))
                            lastActivity = clock.now
                            answeredSinceLastWrite = false
                        } catch let refusal as TerminalCodec.Refusal {
                            Console.error("modemkit: \(refusal)")
                        } catch {
                            closedByModem = true
                            break loop
                        }
                        continue
                    }
                    drainDeadline = clock.now + Self.drainLimit
                    ticker = Task {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .milliseconds(50))
                            sink.yield(.tick)
                        }
                    }
                }
            }
            ticker?.cancel()
            await connection.close()
            reader.cancel()
            sink.finish()
            if closedByModem {
                throw CLIError("the connection closed", exitCode: CLIExit.transport)
            }
        }

        static func isQuit(_ line: String) -> Bool {
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            return word == "quit" || word == "exit"
        }

        /// Reads stdin line by line on a thread of its own (reading blocks), feeding `sink`.
        private static func readStandardInput(into sink: AsyncStream<Event>.Continuation) {
            let thread = Thread {
                while let line = readLine(strippingNewline: true) {
                    sink.yield(.line(line))
                }
                sink.yield(.inputEnded)
            }
            thread.start()
        }
    }
}
