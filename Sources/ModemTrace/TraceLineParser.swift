/// Reads one line of a trace at a time, tracking the line number and the header.
struct TraceLineParser: Sendable {
    private(set) var header = TraceHeader()
    private(set) var lineNumber = 0
    private var inHeader = true
    /// A second item produced by one line (a first line without magic that is also a record).
    private var queued: TraceReader.Item? {
        didSet { hasQueued = queued != nil }
    }

    /// Whether a line produced an item still to be returned: a flag the reader checks before
    /// every line, where comparing the optional item with `nil` would copy it.
    private(set) var hasQueued = false

    /// Counts a line that ``plainDataRecord(_:payload:)`` read, as ``parse(_:payload:)`` would.
    mutating func readPlainDataRecord() {
        lineNumber += 1
        inHeader = false
    }

    /// Returns and clears the queued item.
    mutating func takeQueued() -> TraceReader.Item? {
        defer { queued = nil }
        return queued
    }

    /// Parses a line (without its `\n`); `nil` for the magic line, header fields, comments and
    /// blank lines. The bytes of a data record are unescaped into `payload` (see
    /// ``TraceReader/next(payload:)``).
    mutating func parse(_ raw: ArraySlice<UInt8>, payload: inout [UInt8]) -> TraceReader.ParsedLine? {
        lineNumber += 1
        var line = raw
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if lineNumber == 1, let problem = parseMagic(line) {
            if case .error(let error) = problem, error.kind == .missingMagic {
                switch parseContent(line, payload: &payload) {
                case .data(let direction, let time, let redacted, let count):
                    queued = .record(TraceRecord(time: time, body: .data(direction, Array(payload[..<count]), redacted: redacted)))
                case .item(let item):
                    queued = item
                case nil:
                    break
                }
            }
            return .item(problem)
        }
        if lineNumber == 1 { return nil }
        if let record = line.withUnsafeBufferPointer({ Self.plainDataRecord($0, payload: &payload) }) {
            inHeader = false
            return .data(record.direction, time: record.time, redacted: false, count: record.count)
        }
        return parseContent(line, payload: &payload)
    }

    /// A record ``plainDataRecord(_:payload:)`` read, its bytes the first `count` of the
    /// payload buffer: small, returned in registers.
    struct PlainRecord {
        var direction: TraceDirection
        var time: TraceTime
        var count: Int
    }

    /// The common record, `<time> tx|rx <payload>` with no flags and a payload that unescapes,
    /// read through a pointer: the same record ``parseRecord(_:payload:)`` makes of the line.
    /// `nil` for any other line (and for faults), which the general path then reads and reports.
    static func plainDataRecord(_ bytes: UnsafeBufferPointer<UInt8>, payload: inout [UInt8]) -> PlainRecord? {
        // A record starts with its time (blank, comment and header lines do not), then a
        // space, `tx` or `rx`, then a space or the end of the line.
        guard let (microseconds, space) = TraceTime.leadingMicroseconds(in: bytes),
            space + 3 <= bytes.count, bytes[space] == UInt8(ascii: " "), bytes[space + 2] == UInt8(ascii: "x"),
            bytes[space + 1] == UInt8(ascii: "t") || bytes[space + 1] == UInt8(ascii: "r"),
            space + 3 == bytes.count || bytes[space + 3] == UInt8(ascii: " ")
        else { return nil }
        let time = TraceTime(microseconds: microseconds)
        let direction: TraceDirection = bytes[space + 1] == UInt8(ascii: "t") ? .tx : .rx
        let payloadStart = min(space + 4, bytes.count)
        guard case .success(let count) = TraceEscaping.unescape(UnsafeBufferPointer(rebasing: bytes[payloadStart...]), intoStartOf: &payload) else {
            return nil
        }
        return PlainRecord(direction: direction, time: time, count: count)
    }

    /// Any line but the first: blank, comment, header field or record.
    private mutating func parseContent(_ line: ArraySlice<UInt8>, payload: inout [UInt8]) -> TraceReader.ParsedLine? {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        if line.first == UInt8(ascii: "#") {
            return inHeader ? parseHeaderField(line).map(TraceReader.ParsedLine.item) : nil
        }
        inHeader = false
        return parseRecord(line, payload: &payload)
    }

    /// Accounts for a line that was too long to buffer.
    mutating func lineTooLong(length: Int, preview: ArraySlice<UInt8>) -> TraceReader.Item {
        lineNumber += 1
        if lineNumber == 1 {
            // Not a magic line, whatever it is.
            return .error(TraceReadError(line: 1, kind: .missingMagic, text: String(decoding: preview, as: UTF8.self)))
        }
        return .error(TraceReadError(line: lineNumber, kind: .lineTooLong(length), text: String(decoding: preview, as: UTF8.self)))
    }

    // MARK: - Header

    private mutating func parseMagic(_ line: ArraySlice<UInt8>) -> TraceReader.Item? {
        let magic = TraceHeader.magic.utf8
        guard line.starts(with: magic) else {
            return .error(error(.missingMagic, line))
        }
        let rest = line.dropFirst(magic.count)
        guard rest.first == UInt8(ascii: " "), rest.dropFirst().first == UInt8(ascii: "v") else {
            return .error(error(.unsupportedVersion(String(decoding: rest, as: UTF8.self)), line))
        }
        let digits = rest.dropFirst(2)
        guard let version = Int(String(decoding: digits, as: UTF8.self)), version == TraceHeader.currentVersion else {
            return .error(error(.unsupportedVersion(String(decoding: rest.dropFirst(), as: UTF8.self)), line))
        }
        header.version = version
        return nil
    }

    /// `# key: value`; any other `#` line is a comment.
    private mutating func parseHeaderField(_ line: ArraySlice<UInt8>) -> TraceReader.Item? {
        var rest = line.dropFirst()
        guard rest.first == UInt8(ascii: " ") else { return nil }
        rest = rest.dropFirst()
        guard let colon = rest.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = rest[..<colon]
        guard !key.isEmpty, key.count <= 64, key.allSatisfy(TraceSyntax.isTokenByte) else { return nil }
        var value = rest[(colon + 1)...]
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        do {
            let bytes = try TraceEscaping.unescape(String(decoding: value, as: UTF8.self))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .error(error(.malformedHeaderField, line))
            }
            header.fields.append(TraceHeader.Field(key: String(decoding: key, as: UTF8.self), value: text))
            return nil
        } catch {
            return .error(self.error(.malformedHeaderField, line))
        }
    }

    // MARK: - Records

    /// `<time> <tag>[ <payload>]`. Works on the line's bytes: only errors and events make strings.
    private func parseRecord(_ line: ArraySlice<UInt8>, payload unescaped: inout [UInt8]) -> TraceReader.ParsedLine {
        let space = UInt8(ascii: " ")
        let timeEnd = line.firstIndex(of: space) ?? line.endIndex
        guard let time = TraceTime(parsingBytes: line[line.startIndex..<timeEnd]) else {
            return .item(.error(error(.invalidTime(String(decoding: line[line.startIndex..<timeEnd], as: UTF8.self)), line)))
        }
        let afterTime = timeEnd < line.endIndex ? line[(timeEnd + 1)...] : line[line.endIndex...]
        let tagEnd = afterTime.firstIndex(of: space) ?? afterTime.endIndex
        let tag = afterTime[afterTime.startIndex..<tagEnd]
        let payload = tagEnd < afterTime.endIndex ? afterTime[(tagEnd + 1)...] : afterTime[afterTime.endIndex...]

        let colon = tag.firstIndex(of: UInt8(ascii: ":"))
        let name = tag[tag.startIndex..<(colon ?? tag.endIndex)]
        let flags = colon.map { tag[($0 + 1)...] }
        let direction: TraceDirection? = name.count != 2 || name.last != UInt8(ascii: "x") ? nil
            : name.first == UInt8(ascii: "t") ? .tx : name.first == UInt8(ascii: "r") ? .rx : nil
        if let direction {
            var redacted = false
            if let flags {
                for flag in flags.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                    guard flag.elementsEqual("redacted".utf8) else {
                        return .item(.error(error(.unknownFlag(String(decoding: flag, as: UTF8.self)), line)))
                    }
                    redacted = true
                }
            }
            let result = payload.withUnsafeBufferPointer { TraceEscaping.unescape($0, intoStartOf: &unescaped) }
            switch result {
            case .success(let count):
                return .data(direction, time: time, redacted: redacted, count: count)
            case .failure(let error):
                return .item(.error(self.error(.invalidEscape(offset: error.offset, reason: error.reason), line)))
            }
        }
        if name.elementsEqual("ev".utf8), flags == nil {
            return .item(parseEvent(payload, time: time, line: line))
        }
        return .item(.error(error(.unknownDirection(String(decoding: tag, as: UTF8.self)), line)))
    }

    /// `<name>[ <escaped text>]`
    private func parseEvent(_ payload: ArraySlice<UInt8>, time: TraceTime, line: ArraySlice<UInt8>) -> TraceReader.Item {
        let nameEnd = payload.firstIndex(of: UInt8(ascii: " ")) ?? payload.endIndex
        let name = payload[payload.startIndex..<nameEnd]
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(TraceSyntax.isTokenByte) else {
            return .error(error(.invalidEventName(String(decoding: name, as: UTF8.self)), line))
        }
        let textPart = nameEnd < payload.endIndex ? payload[(nameEnd + 1)...] : payload[payload.endIndex...]
        do {
            let bytes = try TraceEscaping.unescape(bytes: textPart)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .error(error(.invalidUTF8, line))
            }
            return .record(TraceRecord(time: time, body: .event(name: String(decoding: name, as: UTF8.self), text: text)))
        } catch {
            return .error(self.error(.invalidEscape(offset: error.offset, reason: error.reason), line))
        }
    }

    private func error(_ kind: TraceReadError.Kind, _ line: ArraySlice<UInt8>) -> TraceReadError {
        TraceReadError(line: lineNumber, kind: kind, text: String(decoding: line.prefix(200), as: UTF8.self))
    }
}
