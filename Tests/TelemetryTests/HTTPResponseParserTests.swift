import HTTPTypes
import ModemKitTestSupport
import Telemetry
import Testing

/// Layers 1 and 2: responses as servers send them, each fed whole, byte by byte and in seeded
/// random chunks; malformed ones give typed errors with offsets; random bytes never trap.
@Suite struct HTTPResponseParserTests {
    /// Feeds every chunk, collects responses, then finishes (the connection closes).
    static func parse(_ chunks: [[UInt8]], limits: HTTPResponseParser.Limits = .init(), close: Bool = true) throws(HTTPResponseParseError) -> [HTTPResponseMessage] {
        var parser = HTTPResponseParser(limits: limits)
        var messages: [HTTPResponseMessage] = []
        for chunk in chunks {
            parser.append(chunk)
            while let message = try parser.next() { messages.append(message) }
        }
        if close, let last = try parser.finish() { messages.append(last) }
        return messages
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var wire: String
        var expected: [(code: Int, reason: String, body: String, keepAlive: Bool)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nginx 200 with Content-Length", wire: "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: keep-alive\r\n\r\n{\"accepted\":3}\n",
             expected: [(200, "OK", "{\"accepted\":3}\n", true)]),
        Case(name: "204 without reason and body", wire: "HTTP/1.1 204\r\nDate: Tue, 25 Nov 2025 10:00:00 GMT\r\n\r\n",
             expected: [(204, "", "", true)]),
        Case(name: "chunked with extension and trailer", wire: "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n",
             expected: [(201, "Created", "hello world", true)]),
        Case(name: "100 Continue then 400", wire: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbad",
             expected: [(400, "Bad Request", "bad", false)]),
        Case(name: "HTTP/1.0 body until close", wire: "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ntry later",
             expected: [(503, "Service Unavailable", "try later", false)]),
        Case(name: "HTTP/1.0 keep-alive", wire: "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n",
             expected: [(200, "OK", "", true)]),
        Case(name: "bare LF and obs-fold", wire: "HTTP/1.1 200 OK\nX-Long: a\n  b\nContent-Length: 2\n\nok",
             expected: [(200, "OK", "ok", true)]),
        Case(name: "two responses back to back", wire: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 500 Internal Server Error\r\nContent-Length: 1\r\n\r\nb",
             expected: [(200, "OK", "a", true), (500, "Internal Server Error", "b", true)]),
        Case(name: "repeated identical Content-Length", wire: "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok",
             expected: [(200, "OK", "ok", true)]),
        Case(name: "Transfer-Encoding overrides Content-Length", wire: "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
             expected: [(200, "OK", "ok", true)]),
    ]

    @Test(arguments: cases)
    func everyChunkingGivesTheSameResponses(_ testCase: Case) throws {
        for (name, chunks) in StreamSplits.all(Self.bytes(testCase.wire)) {
            let messages = try Self.parse(chunks)
            #expect(messages.count == testCase.expected.count, "\(name)")
            for (message, expected) in zip(messages, testCase.expected) {
                #expect(message.response.status.code == expected.code, "\(name)")
                #expect(message.response.status.reasonPhrase == expected.reason, "\(name)")
                #expect(String(decoding: message.body, as: UTF8.self) == expected.body, "\(name)")
                #expect(message.keepAlive == expected.keepAlive, "\(name)")
            }
        }
    }

    @Test func fieldsAndInterimStatusesAreKept() throws {
        let messages = try Self.parse([Self.bytes("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\nX-Long: a\n\tb \nContent-Length: 0\n\n")])
        let message = try #require(messages.first)
        #expect(message.interimStatuses.map(\.code) == [103])
        #expect(message.response.headerFields[HTTPField.Name("X-Long")!] == "a b")
        #expect(message.response.headerFields[HTTPField.Name("Link")!] == nil)
    }

    @Test func aHeadAnswerHasNoBody() throws {
        var parser = HTTPResponseParser(expectsBody: false)
        parser.append(Self.bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"))
        #expect(try parser.next()?.body == [])
        #expect(parser.isIdle)
    }

    @Test(arguments: [
        ("HTTP/1.1 2x0 OK\r\n\r\n", HTTPResponseParseError(.invalidStatusCode("2x0"), at: 9)),
        ("HTTP/1.1 600 Nope\r\n\r\n", HTTPResponseParseError(.invalidStatusCode("600"), at: 9)),
        ("HTTP/2.0 200 OK\r\n\r\n", HTTPResponseParseError(.unsupportedVersion("HTTP/2.0"), at: 0)),
        ("ICY 200 OK\r\n\r\n", HTTPResponseParseError(.invalidStatusLine, at: 0)),
        ("HTTP/1.1 200OK\r\n\r\n", HTTPResponseParseError(.invalidStatusLine, at: 12)),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", HTTPResponseParseError(.invalidFieldLine, at: 17)),
        ("HTTP/1.1 200 OK\r\nName : x\r\n\r\n", HTTPResponseParseError(.invalidFieldLine, at: 17)),
        ("HTTP/1.1 200 OK\r\n folded\r\n\r\n", HTTPResponseParseError(.invalidFieldLine, at: 17)),
        ("HTTP/1.1 200 OK\r\nX: a\u{0}b\r\n\r\n", HTTPResponseParseError(.invalidByte(0), at: 21)),
        ("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", HTTPResponseParseError(.invalidByte(0x0D), at: 21)),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nab", HTTPResponseParseError(.invalidContentLength("1, 2"), at: 39)),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", HTTPResponseParseError(.invalidContentLength("-1"), at: 37)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", HTTPResponseParseError(.unsupportedTransferCoding("gzip, chunked"), at: 51)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", HTTPResponseParseError(.invalidChunkSize, at: 47)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", HTTPResponseParseError(.invalidChunkSize, at: 47)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n", HTTPResponseParseError(.missingChunkTerminator, at: 52)),
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", HTTPResponseParseError(.switchingProtocols, at: 48)),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", HTTPResponseParseError(.truncated, at: 40)),
        ("HTTP/1.1 200 OK\r\nContent-Le", HTTPResponseParseError(.truncated, at: 27)),
    ])
    func malformedResponsesAreTypedErrorsWithOffsets(wire: String, error: HTTPResponseParseError) {
        for (name, chunks) in StreamSplits.all(Self.bytes(wire), randomRuns: 3) {
            #expect(throws: error, "\(name)") { try Self.parse(chunks) }
        }
    }

    @Test func limitsAreEnforced() {
        let limits = HTTPResponseParser.Limits(maxHeaderBytes: 64, maxFields: 2, maxBodyBytes: 8)
        #expect(throws: HTTPResponseParseError(.headerTooLarge(limit: 64), at: 17)) {
            try Self.parse([Self.bytes("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 100))], limits: limits, close: false)
        }
        #expect(throws: HTTPResponseParseError(.tooManyFields(limit: 2), at: 29)) {
            try Self.parse([Self.bytes("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n")], limits: limits)
        }
        #expect(throws: HTTPResponseParseError(.bodyTooLarge(limit: 8), at: 36)) {
            try Self.parse([Self.bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n")], limits: limits, close: false)
        }
        #expect(throws: HTTPResponseParseError.self) {
            try Self.parse([Self.bytes("HTTP/1.1 200 OK\r\n\r\n0123456789")], limits: limits)
        }
        #expect(throws: HTTPResponseParseError.self) {
            try Self.parse([Self.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n")], limits: limits, close: false)
        }
    }

    @Test func endlessInterimResponsesAreRefused() {
        let wire = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 17)
        #expect(throws: HTTPResponseParseError(.tooManyInterimResponses(limit: 16), at: 16 * 25 + 23)) {
            try Self.parse([Self.bytes(wire)], close: false)
        }
    }

    @Test func aFailedParserStaysFailed() {
        var parser = HTTPResponseParser()
        parser.append(Self.bytes("nonsense\r\n"))
        #expect(throws: HTTPResponseParseError.self) { try parser.next() }
        parser.append(Self.bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(throws: HTTPResponseParseError.self) { try parser.next() }
    }

    @Test func randomBytesNeverTrapAndStayBounded() {
        var generator = SeededGenerator(seed: 0xB17E)
        let pieces = ["HTTP/1.1 ", "200 OK", "\r\n", "\n", "Content-Length: 3", "Transfer-Encoding: chunked", ": ", " ", "\r", "0", "5", "abc", "\u{0}", "1xx"]
        for _ in 0..<3000 {
            var wire: [UInt8] = []
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                if Bool.random(using: &generator) {
                    wire += Array(pieces.randomElement(using: &generator)!.utf8)
                } else {
                    wire.append(UInt8.random(in: 0...255, using: &generator))
                }
            }
            var parser = HTTPResponseParser(limits: .init(maxHeaderBytes: 128, maxFields: 4, maxBodyBytes: 64))
            for chunk in StreamSplits.randomChunks(wire, maxChunk: 7, using: &generator) {
                parser.append(chunk)
                while (try? parser.next()) != nil {}
                #expect(parser.bufferedByteCount <= wire.count)
            }
            _ = try? parser.finish()
        }
    }
}
