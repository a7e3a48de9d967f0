import ArgumentParser
import ModemDialects
import ModemReplay
import ModemTrace

extension ModemKitCommand.Replay {
    /// `modemkit replay decode FILE`: a trace as transactions, URCs and observations.
    struct Decode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode a trace: each command with its response, duration and result; URCs named; errors explained; SMS PDUs, registration and signal decoded.",
            discussion: """
                Reads the file in chunks, so traces of any size decode in constant memory. Lines \
                that cannot be read are reported on stderr with their line number and decoding \
                goes on. The dialect (vendor URCs) comes from the trace's `profile` header unless \
                --dialect is given: generic, simcom-sim800, simcom-sim7600, quectel, ublox.

                Exit codes: 0 decoded; 1 some lines could not be read or decoded (the rest was); \
                2 usage error; 4 the file could not be read.
                """
        )

        @Argument(help: ArgumentHelp("The trace file (`--record` output); - for stdin.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Decode with this dialect's URCs instead of the header's profile.", valueName: "name"))
        var dialect: String?

        @Option(help: ArgumentHelp("The log's format: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).", valueName: "format"))
        var format: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let dialect, ModemDialect.named(dialect) == nil {
                let names = ModemDialect.all.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown dialect '\(dialect)' (one of: \(names))")
            }
            if let format, LogFormat(rawValue: format) == nil {
                let names = LogFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown format '\(format)' (one of: \(names))")
            }
        }

        func run() async throws {
            var stream: TraceDecodeStream?
            var sink = DecodeOutput(json: output.json, file: file)
            try TraceFileInput.forEachChunk(file) { chunk in
                if stream == nil { stream = makeStream(firstChunk: chunk) }
                stream!.append(chunk)
                Self.drain(&stream!, into: &sink)
            }
            var rest = stream ?? makeStream(firstChunk: UnsafeRawBufferPointer(start: nil, count: 0))
            rest.finish()
            Self.drain(&rest, into: &sink)
            sink.flush()
            if sink.problems > 0 {
                throw CLIError("\(file): \(sink.problems) line(s) could not be decoded (see above)", exitCode: CLIExit.modemError)
            }
        }

        /// Writes every event the stream has ready, read in place
        /// (``TraceDecodeStream/forEachReady(transaction:other:)``: transactions, most of a
        /// trace, printed where the decoder keeps them, with no event made around them). The
        /// stream is taken `inout`: `stream?.next()` on the optional copied the whole stream out
        /// and back for every event.
        private static func drain(_ stream: inout TraceDecodeStream, into sink: inout DecodeOutput) {
            stream.forEachReady(transaction: { sink.write($0) }, other: { sink.write($0) })
        }

        /// The decoder for the format given, or the one the first bytes show.
        private func makeStream(firstChunk: UnsafeRawBufferPointer) -> TraceDecodeStream {
            let detected = format.flatMap(LogFormat.init(rawValue:)) ?? LogFormat.detect(firstChunk)
            if detected == nil, !firstChunk.isEmpty {
                Console.error("modemkit: \(file): not a format this tool knows; reading it as a ModemKit trace")
            } else if let detected, detected != .modemKitTrace {
                Console.progress("\(file): importing a \(detected.rawValue) log")
            }
            return TraceDecodeStream(dialect: dialect.flatMap(ModemDialect.named), format: detected ?? .modemKitTrace)
        }
    }
}

/// Writes decoded events to stdout in large blocks; problems also go to stderr. Text and JSON
/// Lines are printed as bytes into one reused buffer (``TextBuffer``); the JSON is what
/// `JSONEncoder` made of the events (sorted keys, slashes unescaped), written without it.
struct DecodeOutput: ~Copyable {
    let json: Bool
    let file: String
    private(set) var problems = 0
    private var text = TextBuffer()

    init(json: Bool, file: String) {
        self.json = json
        self.file = file
    }

    mutating func write(_ event: DecodedEvent) {
        if case .problem(let problem) = event {
            problems += 1
            Console.error("modemkit: \(file): \(problem)")
        }
        event.writeOutput(into: &text, json: json)
        if text.count >= 1 << 16 { flush() }
    }

    mutating func write(_ transaction: DecodedTransaction) {
        transaction.writeOutput(into: &text, json: json)
        if text.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard text.count > 0 else { return }
        text.withBytes(Console.outBytes)
        text.removeAll()
    }
}
