import ModemKitTestSupport
import Telemetry
import Testing

@Suite struct ReadingLinesTests {
    typealias Line = ReadingLines.Line

    func read(_ chunks: [[UInt8]], validator: ReadingValidator = ReadingValidator()) -> [Line] {
        var lines = ReadingLines(validator: validator)
        var result = chunks.flatMap { lines.append($0) }
        if let last = lines.finish() { result.append(last) }
        return result
    }

    func success(_ number: Int, _ text: String) -> Line { Line(number: number, result: .success(Array(text.utf8))) }

    @Test func goodAndBadLinesWithLineNumbersBlankLinesSkipped() {
        let input = Array("{\"t\":1}\r\n\n   \n[1,]\n  42  \n{\"t\"".utf8)
        let expected = [
            success(1, "{\"t\":1}"),
            Line(number: 4, result: .failure(ReadingError(.trailingComma, at: 2, line: 4))),
            success(5, "42"),
            Line(number: 6, result: .failure(ReadingError(.unexpectedEnd(expected: "':'"), at: 4, line: 6))),
        ]
        for (name, chunks) in StreamSplits.all(input) {
            #expect(read(chunks) == expected, "\(name)")
        }
    }

    @Test func aLineOverTheLimitIsRefusedAndTheNextOneStillRead() {
        let validator = ReadingValidator(maximumSize: 16)
        let long = "[" + String(repeating: "1,", count: 5_000) + "1]"
        let input = Array("[1]\n\(long)\n\"ok\"\n".utf8)
        let expected = [
            success(1, "[1]"),
            Line(number: 2, result: .failure(ReadingError(.tooLarge(limit: 16), at: 16, line: 2))),
            success(3, "\"ok\""),
        ]
        for (name, chunks) in StreamSplits.all(input, randomRuns: 5, maxChunk: 300) {
            #expect(read(chunks, validator: validator) == expected, "\(name)")
        }
        // Exactly at the limit, with and without a `\r`.
        let sixteen = "[" + String(repeating: "1,", count: 6) + "11]"
        #expect(read([Array("\(sixteen)\r\n\(sixteen)".utf8)], validator: validator) == [success(1, sixteen), success(2, sixteen)])
    }

    @Test func emptyInputHasNoLines() {
        #expect(read([]).isEmpty)
        #expect(read([Array("\n\r\n \n".utf8)]).isEmpty)
    }
}
