import Testing
@testable import ATCodec

/// Helpers for the standard-command tables; namespaced so other test files can have their own.
enum StandardTestSupport {
    /// A successful response to `command` with these information lines.
    static func response(_ command: String, _ lines: [String]) -> ATResponse {
        ATResponse(command: command, lines: lines, final: .ok)
    }

    /// Runs `command.parse` on `lines` answering it.
    static func parse<C: ATCommand>(_ command: C, _ lines: [String]) throws(ATParseError) -> C.Response {
        try command.parse(response(command.text, lines))
    }

    /// Expects `body` to throw an ``ATParseError`` whose raw line is `line`.
    static func expectParseError<T>(
        line: String?, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws(ATParseError) -> T
    ) {
        do {
            let value = try body()
            Issue.record("expected a parse error for \(line ?? "nil"), got \(value)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.line == line, sourceLocation: sourceLocation)
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        }
    }

    /// The bytes of a line as the classifier sees them.
    static func bytes(_ line: String) -> ArraySlice<UInt8> { ArraySlice(line.utf8) }
}

/// A table row: where a line comes from, the line, and what it should parse to.
struct StandardCase<Expected: Sendable>: Sendable, CustomTestStringConvertible {
    let source: String
    let line: String
    let expected: Expected

    init(_ source: String, _ line: String, _ expected: Expected) {
        self.source = source
        self.line = line
        self.expected = expected
    }

    var testDescription: String { "\(source): \(line)" }
}

/// A malformed line and the source of its shape.
struct StandardMalformedCase: Sendable, CustomTestStringConvertible {
    let why: String
    let line: String

    init(_ why: String, _ line: String) {
        self.why = why
        self.line = line
    }

    var testDescription: String { "\(why): \(line)" }
}
