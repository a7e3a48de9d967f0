import ModemKitTestSupport
import Telemetry
import Testing

@Suite struct ReadingValidatorTests {
    let validator = ReadingValidator()

    func check(_ text: String) throws(ReadingError) { try validator.validate(Array(text.utf8)) }

    func problem(_ bytes: [UInt8], _ validator: ReadingValidator = ReadingValidator()) -> ReadingError? {
        do { try validator.validate(bytes); return nil } catch { return error }
    }

    func problem(_ text: String) -> ReadingError? { problem(Array(text.utf8)) }

    /// RFC 8259 §13's examples, every scalar at the top level (§2 allows any value), and the
    /// corners of each grammar rule.
    @Test(arguments: [
        #"{"Image":{"Width":800,"Height":600,"Title":"View from 15th Floor","Thumbnail":{"Url":"http://www.example.com/image/481989943","Height":125,"Width":100},"Animated":false,"IDs":[116,943,234,38793]}}"#,
        #"[{"precision":"zip","Latitude":37.7668,"Longitude":-122.3959,"Address":"","City":"SAN FRANCISCO","State":"CA","Zip":"94107","Country":"US"},{"precision":"zip","Latitude":37.371991,"Longitude":-122.026020,"Address":"","City":"SUNNYVALE","State":"CA","Zip":"94085","Country":"US"}]"#,
        #""Hello world!""#, "42", "true", "false", "null", "-0", "0", "0.5", "-1.25e-3", "1E+10", "1e0", "123456789012345678901234567890",
        "{}", "[]", "[[]]", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n ", #"{"a":{"b":{"c":[true,false,null]}}}"#,
        #""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \uFFFF""#, #""\ud83d\ude00""#, #""\uD834\uDD1E""#,
        "\"caf\u{E9} \u{20AC} \u{1F600} \u{10FFFF}\"", #"{"a":1,"a":2}"#, #""\u0000""#, "\"\u{7F}\"",
    ])
    func acceptsValidJSON(_ text: String) throws {
        try check(text)
    }

    @Test(arguments: [
        ("", ReadingError.Problem.empty, 0),
        ("  \n", .empty, 3),
        ("[1,2,]", .trailingComma, 4),
        (#"{"a":1,}"#, .trailingComma, 6),
        ("01", .leadingZero, 0),
        ("-012", .leadingZero, 0),
        ("[1, 00]", .leadingZero, 4),
        ("NaN", .unexpectedByte(UInt8(ascii: "N"), expected: "a value"), 0),
        ("Infinity", .unexpectedByte(UInt8(ascii: "I"), expected: "a value"), 0),
        ("-Infinity", .invalidNumber, 0),
        ("-", .invalidNumber, 0),
        ("1.", .invalidNumber, 0),
        (".5", .unexpectedByte(UInt8(ascii: "."), expected: "a value"), 0),
        ("1e", .invalidNumber, 0),
        ("1e+", .invalidNumber, 0),
        ("+1", .unexpectedByte(UInt8(ascii: "+"), expected: "a value"), 0),
        ("0x10", .trailingData, 1),
        ("1 2", .trailingData, 2),
        ("[1]]", .trailingData, 3),
        ("{} {}", .trailingData, 3),
        ("tru", .invalidLiteral, 0),
        ("nul", .invalidLiteral, 0),
        ("True", .unexpectedByte(UInt8(ascii: "T"), expected: "a value"), 0),
        ("nulll", .trailingData, 4),
        (#""\x""#, .invalidEscape(UInt8(ascii: "x")), 2),
        (#""\'""#, .invalidEscape(UInt8(ascii: "'")), 2),
        (#""\u12""#, .invalidUnicodeEscape, 1),
        (#""\u12G4""#, .invalidUnicodeEscape, 1),
        (#""\ud800""#, .loneSurrogate, 1),
        (#""\udc00""#, .loneSurrogate, 1),
        (#""a\ud800\u0041""#, .loneSurrogate, 2),
        (#""\ud800\ud800""#, .loneSurrogate, 1),
        ("\"tab\there\"", .controlCharacterInString(0x09), 4),
        ("\"a", .unexpectedEnd(expected: "'\"' closing the string"), 2),
        ("[1", .unexpectedEnd(expected: "',' or ']'"), 2),
        (#"{"a""#, .unexpectedEnd(expected: "':'"), 4),
        (#"{"a":"#, .unexpectedEnd(expected: "a value"), 5),
        ("{1:2}", .unexpectedByte(UInt8(ascii: "1"), expected: "a string key"), 1),
        ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"), expected: "a string key"), 1),
        (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1"), expected: "':'"), 5),
        ("[1 2]", .unexpectedByte(UInt8(ascii: "2"), expected: "',' or ']'"), 3),
        (#"{"a":1]"#, .unexpectedByte(UInt8(ascii: "]"), expected: "',' or '}'"), 6),
        ("[,1]", .unexpectedByte(UInt8(ascii: ","), expected: "a value"), 1),
        ("// comment\n1", .unexpectedByte(UInt8(ascii: "/"), expected: "a value"), 0),
        ("\u{FEFF}1", .unexpectedByte(0xEF, expected: "a value"), 0),
    ] as [(String, ReadingError.Problem, Int)])
    func refusesInvalidJSONSayingWhatAndWhere(_ text: String, _ expected: ReadingError.Problem, _ offset: Int) {
        #expect(problem(text) == ReadingError(expected, at: offset), "\(text)")
    }

    /// Overlong forms, UTF-16 surrogates encoded as UTF-8, past U+10FFFF, stray continuation
    /// bytes and truncated sequences, each inside a string after `"ab`.
    @Test(arguments: [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xE2, 0x28, 0xA1],
    ] as [[UInt8]])
    func refusesInvalidUTF8(_ sequence: [UInt8]) {
        let bytes = Array("\"ab".utf8) + sequence + Array("\"".utf8)
        #expect(problem(bytes) == ReadingError(.invalidUTF8, at: 3))
    }

    @Test func sizeIsBounded() {
        let small = ReadingValidator(maximumSize: 8)
        #expect(problem(Array("[1,2,3]".utf8), small) == nil)
        #expect(problem(Array("[1,2,3,4]".utf8), small) == ReadingError(.tooLarge(limit: 8), at: 8))
    }

    @Test func nestingIsBoundedWithoutRecursion() {
        let nested = { (depth: Int) in Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth) }
        #expect(problem(nested(64)) == nil)
        #expect(problem(nested(65)) == ReadingError(.tooDeep(limit: 64), at: 64))
        let deep = ReadingValidator(maximumSize: 1 << 22, maximumDepth: 1_000_000)
        #expect(problem(nested(500_000), deep) == nil)
        let mixed = Array(String(repeating: #"{"a":["#, count: 300).utf8) + [UInt8(ascii: "1")] + Array(String(repeating: "]}", count: 300).utf8)
        #expect(problem(mixed, deep) == nil)
        var wrongCloser = mixed
        wrongCloser[wrongCloser.count - 2] = UInt8(ascii: "}")
        #expect(problem(wrongCloser, deep)?.problem == .unexpectedByte(UInt8(ascii: "}"), expected: "',' or ']'"))
    }

    @Test func sliceOffsetsCountFromTheSlice() {
        let bytes = Array("xx[1,]".utf8)
        #expect(throws: ReadingError(.trailingComma, at: 2)) { try validator.validate(bytes[2...]) }
    }

    @Test func errorsDescribeThemselves() {
        #expect(problem("[1,2,]")?.description == "byte 4: trailing comma")
        #expect(ReadingError(.unexpectedByte(0x01, expected: "a value"), at: 3, line: 7).description == "line 7, byte 3: unexpected 0x1, expected a value")
    }

    /// Random bytes, and valid readings with one byte changed, never trap; whatever is accepted
    /// has a JSON value's shape.
    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(seed: 0xB17E5)
        let alphabet = Array(#"{}[]",:0123456789-+.eE\u tfnrale "#.utf8) + [0x00, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        let seed = Array(#"{"id":[1,-2.5e3,"a\u00e9\ud83d\ude00",true,null,{}]}"#.utf8)
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            } else {
                bytes = seed
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if problem(bytes) == nil {
                #expect(bytes.contains { $0 != 0x20 }, "\(bytes)")
            }
        }
    }
}
