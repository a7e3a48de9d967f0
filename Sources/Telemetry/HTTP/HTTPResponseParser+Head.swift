import HTTPTypes

/// The status line, field lines and framing rules (RFC 9112 §4, §5, §6.3, §7.1).
extension HTTPResponseParser {
    /// `HTTP/1.1 200 OK`; `HTTP/1.1 204` without a reason is accepted too.
    mutating func parseStatusLine(_ line: ArraySlice<UInt8>, at offset: Int) throws(HTTPResponseParseError) {
        let bytes = Array(line)
        guard bytes.count >= 12, bytes.starts(with: Array("HTTP/".utf8)), bytes[6] == 0x2E, bytes[8] == 0x20,
              bytes[5].isASCIIDigit, bytes[7].isASCIIDigit else {
            throw HTTPResponseParseError(.invalidStatusLine, at: offset)
        }
        guard bytes[5] == UInt8(ascii: "1") else {
            throw HTTPResponseParseError(.unsupportedVersion(String(decoding: bytes[0..<8], as: UTF8.self)), at: offset)
        }
        let codeBytes = bytes[9..<12]
        let code = codeBytes.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
        guard codeBytes.allSatisfy(\.isASCIIDigit), (100...599).contains(code) else {
            throw HTTPResponseParseError(.invalidStatusCode(String(decoding: codeBytes, as: UTF8.self)), at: offset + 9)
        }
        guard bytes.count == 12 || bytes[12] == 0x20 else { throw HTTPResponseParseError(.invalidStatusLine, at: offset + 12) }
        let reason = bytes.count > 13 ? bytes[13...] : []
        if let bad = reason.firstIndex(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) {
            throw HTTPResponseParseError(.invalidByte(reason[bad]), at: offset + bad)
        }
        head.minorVersion = Int(bytes[7] - 0x30)
        head.status = HTTPResponse.Status(code: code, reasonPhrase: String(decoding: reason, as: UTF8.self))
    }

    /// `name: value` with optional whitespace around the value; an obs-fold line (starting with
    /// a space or tab) continues the previous value, joined with one space (RFC 9112 §5.2).
    mutating func parseField(_ line: ArraySlice<UInt8>, at offset: Int, keep: Bool) throws(HTTPResponseParseError) {
        if let bad = line.firstIndex(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw HTTPResponseParseError(.invalidByte(line[bad]), at: base + bad)
        }
        if line.first == 0x20 || line.first == 0x09 {
            guard let name = head.lastFieldName else { throw HTTPResponseParseError(.invalidFieldLine, at: offset) }
            if keep, let last = head.fields.indices.last {
                let continued = Self.trimmed(line)
                head.fields[last] = HTTPField(name: name, value: Array(head.fields[last].value.utf8) + [0x20] + continued)
            }
            return
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
              line[line.startIndex..<colon].allSatisfy(Self.isTokenCharacter),
              let name = HTTPField.Name(String(decoding: line[line.startIndex..<colon], as: UTF8.self)) else {
            throw HTTPResponseParseError(.invalidFieldLine, at: offset)
        }
        head.fieldCount += 1
        guard head.fieldCount <= limits.maxFields else { throw HTTPResponseParseError(.tooManyFields(limit: limits.maxFields), at: offset) }
        head.lastFieldName = name
        if keep { head.fields.append(HTTPField(name: name, value: Self.trimmed(line[(colon + 1)...]))) }
    }

    /// The empty line after the fields: decides how the body is framed, or skips a 1xx.
    mutating func headEnded(at offset: Int) throws(HTTPResponseParseError) -> HTTPResponseMessage? {
        let code = head.status.code
        if code == 101 { throw HTTPResponseParseError(.switchingProtocols, at: offset) }
        if (100...199).contains(code) {
            let interim = head.interim + [head.status]
            guard interim.count <= Self.maxInterimResponses else {
                throw HTTPResponseParseError(.tooManyInterimResponses(limit: Self.maxInterimResponses), at: offset)
            }
            head = Head()
            head.interim = interim
            state = .statusLine
            return nil
        }
        if !expectsBody || code == 204 || code == 304 { return complete(keepAlive: keepAlive()) }
        let codings = Self.listValues(head.fields[values: .transferEncoding]).map { $0.lowercased() }
        if !codings.isEmpty {
            // Transfer-Encoding overrides Content-Length (§6.3 rule 3).
            guard codings == ["chunked"] else {
                throw HTTPResponseParseError(.unsupportedTransferCoding(codings.joined(separator: ", ")), at: offset)
            }
            state = .chunkSize
            return nil
        }
        let lengths = Self.listValues(head.fields[values: .contentLength])
        guard let first = lengths.first else {
            state = .untilClose
            return nil
        }
        guard lengths.allSatisfy({ $0 == first }), first.utf8.count <= 18, first.utf8.allSatisfy(\.isASCIIDigit), let length = Int(first) else {
            throw HTTPResponseParseError(.invalidContentLength(lengths.joined(separator: ", ")), at: offset)
        }
        guard length <= limits.maxBodyBytes else {
            throw HTTPResponseParseError(.bodyTooLarge(limit: limits.maxBodyBytes), at: offset)
        }
        if length == 0 { return complete(keepAlive: keepAlive()) }
        state = .fixedBody(remaining: length)
        return nil
    }

    /// `1a;name=value` → 26 (extensions ignored).
    func chunkSize(_ line: ArraySlice<UInt8>, at offset: Int) throws(HTTPResponseParseError) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            guard let value = URIText.hexValue(byte) else { break }
            guard digits < 15 else { throw HTTPResponseParseError(.invalidChunkSize, at: offset) }
            size = size << 4 | Int(value)
            digits += 1
        }
        let rest = line.dropFirst(digits).drop { $0 == 0x20 || $0 == 0x09 }
        guard digits > 0, rest.isEmpty || rest.first == 0x3B else { throw HTTPResponseParseError(.invalidChunkSize, at: offset) }
        return size
    }

    /// Persistence (RFC 9112 §9.3) from the version and the `Connection` options.
    func keepAlive() -> Bool {
        let options = Self.listValues(head.fields[values: .connection]).map { $0.lowercased() }
        if options.contains("close") { return false }
        return head.minorVersion >= 1 || options.contains("keep-alive")
    }

    /// The elements of comma-separated field values, trimmed, empty ones dropped (RFC 9110 §5.6.1).
    static func listValues(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }
            .map { String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            .filter { !$0.isEmpty }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(bytes.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}
