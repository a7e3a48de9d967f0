import ArgumentParser
import Foundation
import ModemDialects
import ModemReplay

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

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let dialect, ModemDialect.named(dialect) == nil {
                let names = ModemDialect.all.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown dialect '\(dialect)' (one of: \(names))")
            }
        }

        func run() async throws {
            var stream = TraceDecodeStream(dialect: dialect.flatMap(ModemDialect.named))
            var sink = DecodeOutput(json: output.json, file: file)
            try TraceFileInput.forEachChunk(file) { chunk in
                stream.append(chunk)
                while let event = stream.next() { sink.write(event) }
            }
            stream.finish()
            while let event = stream.next() { sink.write(event) }
            sink.flush()
            if sink.problems > 0 {
                throw CLIError("\(file): \(sink.problems) line(s) could not be decoded (see above)", exitCode: CLIExit.modemError)
            }
        }
    }
}

/// Writes decoded events to stdout in large blocks; problems also go to stderr.
struct DecodeOutput {
    let json: Bool
    let file: String
    private(set) var problems = 0
    private var buffer = ""
    private let encoder: JSONEncoder

    init(json: Bool, file: String) {
        self.json = json
        self.file = file
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    mutating func write(_ event: DecodedEvent) {
        if case .problem(let problem) = event {
            problems += 1
            Console.error("modemkit: \(file): \(problem)")
        }
        if json {
            if let data = try? encoder.encode(event) {
                buffer += String(decoding: data, as: UTF8.self)
                buffer += "\n"
            }
        } else if case .problem = event {
            // Already on stderr.
        } else {
            for line in event.textLines {
                buffer += line
                buffer += "\n"
            }
        }
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.outRaw(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
