import ATCodec
import ModemKitTestSupport
import Testing

@Suite("ATFramer")
struct ATFramerTests {
    typealias Token = FramerVerifier.Token

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("splits CR LF, lone CR and lone LF lines and skips empty lines")
    func lineEndings() {
        let tokens = FramerVerifier.tokens([Self.bytes("AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\nA\rB\nC\r\n")])
        #expect(tokens == [.line("AT+CSQ"), .line("+CSQ: 21,99"), .line("OK"), .line("A"), .line("B"), .line("C")])
    }

    /// A SIM800 session with echo on, captured shape: echo ends in CR, results in CR LF.
    static let transcript = "AT\r\r\nOK\r\nAT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",3\r\n"
        + "AT+COPS?\r\r\n+COPS: 0,0,\"Vodafone.de\",7\r\n\r\nOK\r\nATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n"
        + "AT+CMGR=3\r\r\n+CMGR: 0,,24\r\n07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07\r\n\r\nOK\r\n"
        + "\r\nRING\r\n\r\n+CLIP: \"+4917612345678\",145,\"\",0,\"\",0\r\n\r\nNO CARRIER\r\n0\r4\r"

    @Test("gives the same tokens whole, byte by byte and in random chunks")
    func splitInvariance() {
        let stream = Self.bytes(Self.transcript)
        let expected = FramerVerifier.tokens([stream])
        #expect(expected.count == 21)
        for split in StreamSplits.all(stream, randomRuns: 50) {
            #expect(FramerVerifier.tokens(split.chunks) == expected, "\(split.name)")
        }
    }

    @Test("a CR LF pair split across chunks is one terminator")
    func splitTerminator() {
        let tokens = FramerVerifier.tokens([Self.bytes("OK\r"), Self.bytes("\nERROR\r"), Self.bytes("\n")])
        #expect(tokens == [.line("OK"), .line("ERROR")])
    }

    @Test("a prompt is returned without a line end when expected, with or without its space")
    func prompt() {
        var framer = ATFramer()
        framer.append(Self.bytes("\r\n> "))
        #expect(framer.next(expecting: .prompt) == .prompt(UInt8(ascii: ">")))
        #expect(framer.next(expecting: .lines) == nil)
        #expect(framer.bufferedCount == 0)

        // The space arrives in the next chunk: it still belongs to the prompt.
        var split = ATFramer()
        split.append(Self.bytes("\r\n>"))
        #expect(split.next(expecting: .prompt) == .prompt(UInt8(ascii: ">")))
        split.append(Self.bytes(" \r\n+CMGS: 12\r\n"))
        #expect(split.next(expecting: .lines) == .line(ArraySlice(Self.bytes("+CMGS: 12"))))

        // u-blox binary prompt.
        var ublox = ATFramer()
        ublox.append(Self.bytes("\r\n@"))
        #expect(ublox.next(expecting: .prompt) == .prompt(UInt8(ascii: "@")))

        // Without the hint, "> " is just the start of a line that has not ended.
        var plain = ATFramer()
        plain.append(Self.bytes("\r\n> "))
        #expect(plain.next(expecting: .lines) == nil)
    }

    @Test("an announced payload may hold CR, LF and OK, and is cut at its length")
    func payload() {
        var framer = ATFramer()
        framer.append(Self.bytes("\r\n+QIRD: 8\r\nOK\r\nA\rB\r\nOK\r\n"))
        #expect(framer.next(expecting: .lines) == .line(ArraySlice(Self.bytes("+QIRD: 8"))))
        #expect(framer.next(expecting: .payload(count: 8)) == .payload(ArraySlice(Self.bytes("OK\r\nA\rB\r"))))
        #expect(framer.next(expecting: .lines) == .line(ArraySlice(Self.bytes("OK"))))
        #expect(framer.next(expecting: .lines) == nil)
    }

    @Test("a payload arriving in pieces is returned as it comes, never more than asked")
    func payloadInPieces() {
        var framer = ATFramer()
        framer.append(Self.bytes("+QIRD: 5\r"))
        #expect(framer.next(expecting: .lines) == .line(ArraySlice(Self.bytes("+QIRD: 5"))))
        #expect(framer.next(expecting: .payload(count: 5)) == nil)
        framer.append(Self.bytes("\nhel"))   // the LF still belongs to the line
        #expect(framer.next(expecting: .payload(count: 5)) == .payload(ArraySlice(Self.bytes("hel"))))
        framer.append(Self.bytes("lo\r\nOK\r\n"))
        #expect(framer.next(expecting: .payload(count: 2)) == .payload(ArraySlice(Self.bytes("lo"))))
        #expect(framer.next(expecting: .lines) == .line(ArraySlice(Self.bytes("OK"))))
    }

    @Test("data mode returns every byte raw")
    func dataMode() {
        let tokens = FramerVerifier.tokens([[0x7E, 0xFF, 0x0D, 0x0A], Self.bytes("OK\r\n")], hint: .data)
        #expect(tokens == [.data([0x7E, 0xFF, 0x0D, 0x0A] + Self.bytes("OK\r\n"))])
    }

    @Test("an oversized line is dropped, reported with its size, and framing resumes")
    func overflow() {
        let limits = ATFramer.Limits(maxLineLength: 64)
        let long = [UInt8](repeating: UInt8(ascii: "A"), count: 1000)
        let stream = Self.bytes("OK\r\n") + long + Self.bytes("\r\nERROR\r\n")
        for split in StreamSplits.all(stream, randomRuns: 10, maxChunk: 40) {
            #expect(FramerVerifier.tokens(split.chunks, limits: limits) == [.line("OK"), .overflow(1000), .line("ERROR")], "\(split.name)")
        }
        // Memory stays bounded while the line never ends.
        var framer = ATFramer(limits: limits)
        for _ in 0..<10_000 {
            framer.append(long.prefix(50))
            while framer.next() != nil {}
            #expect(framer.bufferedCount <= 64 + 50)
        }
    }

    @Test("random bytes with random hints never trap and keep memory bounded", arguments: 0..<40)
    func randomBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var framer = ATFramer(limits: .init(maxLineLength: 256))
        var consumed = 0
        var appended = 0
        for _ in 0..<200 {
            let count = Int.random(in: 0...64, using: &generator)
            // Bias towards the bytes the framer cares about.
            let alphabet: [UInt8] = [0x0D, 0x0A, 0x3E, 0x40, 0x20, 0x41, 0x2B]
            let chunk = (0..<count).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            framer.append(chunk)
            appended += chunk.count
            let hints: [FramingHint] = [.lines, .prompt, .payload(count: Int.random(in: 0...20, using: &generator)), .data]
            while let token = framer.next(expecting: hints.randomElement(using: &generator)!) {
                switch token {
                case .line(let line): consumed += line.count
                case .payload(let bytes), .data(let bytes): consumed += bytes.count
                case .prompt: consumed += 1
                case .overflow(let count): consumed += count
                }
            }
            #expect(framer.bufferedCount <= 256 + 64)
        }
        // Every byte is accounted for: returned, a terminator, a prompt space, or still buffered.
        #expect(consumed <= appended)
    }
}
