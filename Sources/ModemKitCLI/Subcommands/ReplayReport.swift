import ArgumentParser
import Foundation
import ModemDialects
import ModemReplay
import ModemTrace

extension ModemKitCommand.Replay {
    /// `modemkit replay report FILE -o report.html`: a trace as one self-contained HTML timeline.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a trace as one self-contained HTML page: registration, signal, data, sockets, SMS, errors and reboots on a timeline, linked to the transactions.",
            discussion: """
                The page has inline CSS and SVG only: no script, no network. The trace is decoded \
                as it is read, so memory stays bounded; the table holds the first 20,000 rows and \
                the timeline the first 20,000 markers and readings (the page says what was left out).

                Exit codes: 0 written; 1 written, but some lines could not be decoded (they are \
                marked in the page and listed on stderr); 2 usage error; 4 the trace could not be \
                read or the page could not be written.
                """
        )

        @Argument(help: ArgumentHelp("The trace file (`--record` output, or another tool's log); - for stdin.", valueName: "file"))
        var file: String

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the HTML page.", valueName: "path"))
        var output: String

        @Option(help: ArgumentHelp("Decode with this dialect's URCs instead of the header's profile.", valueName: "name"))
        var dialect: String?

        @Option(help: ArgumentHelp("The log's format: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).", valueName: "format"))
        var format: String?

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
            var report = TraceReport()
            var problems = 0
            func take(_ event: DecodedEvent) {
                if case .problem(let problem) = event {
                    problems += 1
                    Console.error("modemkit: \(file): \(problem)")
                }
                report.add(event)
            }
            try TraceFileInput.forEachChunk(file) { chunk in
                if stream == nil { stream = makeStream(firstChunk: chunk) }
                stream?.append(chunk)
                while let event = stream?.next() { take(event) }
            }
            var rest = stream ?? makeStream(firstChunk: UnsafeRawBufferPointer(start: nil, count: 0))
            rest.finish()
            while let event = rest.next() { take(event) }

            let title = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
            let page = report.html(title: title)
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw CLIError("cannot write \(output): \(error.localizedDescription)", exitCode: CLIExit.transport)
            }
            Console.progress("\(output): \(report.transactionCount) transactions, \(report.markers.count) markers")
            if problems > 0 {
                throw CLIError("\(file): \(problems) line(s) could not be decoded (see above)", exitCode: CLIExit.modemError)
            }
        }

        private func makeStream(firstChunk: UnsafeRawBufferPointer) -> TraceDecodeStream {
            let detected = format.flatMap(LogFormat.init(rawValue:)) ?? LogFormat.detect(firstChunk)
            if detected == nil, !firstChunk.isEmpty {
                Console.error("modemkit: \(file): not a format this tool knows; reading it as a ModemKit trace")
            }
            return TraceDecodeStream(dialect: dialect.flatMap(ModemDialect.named), format: detected ?? .modemKitTrace)
        }
    }
}
