import HTTPTypes

/// Reads HTTP/1.1 responses (RFC 9112) from bytes in any chunking: the status line, the header
/// fields, then the body by `Content-Length`, by chunked transfer coding, or until the connection
/// closes. 1xx interim responses are skipped. Sizes are bounded; nothing traps; an error carries
/// the byte offset.
///
///     var parser = HTTPResponseParser()
///     parser.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))
///     let message = try parser.next()   // 200 OK, body "ok", keepAlive true
///     // …the connection closed:
///     let last = try parser.finish()    // completes a body read until close, else nil
public struct HTTPResponseParser: Sendable {
    public struct Limits: Sendable, Hashable {
        /// Status line and header fields of one response (and, separately, its trailers).
        public var maxHeaderBytes: Int
        public var maxFields: Int
        public var maxBodyBytes: Int

        public init(maxHeaderBytes: Int = 16 * 1024, maxFields: Int = 100, maxBodyBytes: Int = 1024 * 1024) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxFields = maxFields
            self.maxBodyBytes = maxBodyBytes
        }
    }

    enum State: Sendable {
        case statusLine, fields, fixedBody(remaining: Int), chunkSize, chunkData(remaining: Int), chunkDataEnd, trailers, untilClose
        case failed(HTTPResponseParseError)
    }

    /// Where a response is being read; body and fields live outside the state so that appending
    /// to them never copies.
    struct Head: Sendable {
        var status = HTTPResponse.Status.ok
        var minorVersion = 1
        var fields = HTTPFields()
        var fieldCount = 0
        var headerBytes = 0
        var lastFieldName: HTTPField.Name?
        var interim: [HTTPResponse.Status] = []
    }

    public let limits: Limits
    /// `false` for the answer to a HEAD request: no body whatever the fields say.
    public var expectsBody: Bool
    var state = State.statusLine
    var head = Head()
    var body: [UInt8] = []
    var buffer: [UInt8] = []
    /// Index in `buffer` of the first byte not consumed.
    var start = 0
    /// Stream offset of `buffer[0]`.
    var base = 0
    /// Chunk-size lines (with extensions) longer than this are refused.
    static let maxChunkLine = 1024
    /// 1xx responses before a final one are refused past this many.
    static let maxInterimResponses = 16

    public init(limits: Limits = Limits(), expectsBody: Bool = true) {
        self.limits = limits
        self.expectsBody = expectsBody
    }

    /// Bytes received and not yet part of a returned response.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether the parser is between responses with nothing buffered.
    public var isIdle: Bool {
        if case .statusLine = state, bufferedByteCount == 0, head.headerBytes == 0 { return true }
        return false
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 4096, start * 2 > buffer.count {
            buffer.removeFirst(start)
            base += start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete final response, or `nil` when more bytes are needed.
    /// - Throws: ``HTTPResponseParseError``; the parser stays failed (the connection must close).
    public mutating func next() throws(HTTPResponseParseError) -> HTTPResponseMessage? {
        if case .failed(let error) = state { throw error }
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// The connection closed: completes a body read until close, returns `nil` between
    /// responses, and throws ``HTTPResponseParseError/Kind/truncated`` inside one.
    public mutating func finish() throws(HTTPResponseParseError) -> HTTPResponseMessage? {
        if let message = try next() { return message }
        switch state {
        case .untilClose:
            return complete(keepAlive: false)
        case .statusLine where bufferedByteCount == 0 && head.headerBytes == 0:
            return nil
        default:
            let error = HTTPResponseParseError(.truncated, at: base + buffer.count)
            state = .failed(error)
            throw error
        }
    }

    mutating func step() throws(HTTPResponseParseError) -> HTTPResponseMessage? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .statusLine:
                guard let (line, offset) = try nextLine(budget: limits.maxHeaderBytes - head.headerBytes) else { return nil }
                head.headerBytes += line.count + 1
                if line.isEmpty { continue }   // stray empty lines before a response
                try parseStatusLine(line, at: offset)
                state = .fields
            case .fields:
                guard let (line, offset) = try nextLine(budget: limits.maxHeaderBytes - head.headerBytes) else { return nil }
                head.headerBytes += line.count + 1
                if !line.isEmpty {
                    try parseField(line, at: offset, keep: true)
                    continue
                }
                if let message = try headEnded(at: offset) { return message }
            case .fixedBody(let remaining):
                let take = min(remaining, bufferedByteCount)
                guard take > 0 || remaining == 0 else { return nil }
                body += buffer[start..<(start + take)]
                start += take
                if remaining == take { return complete(keepAlive: keepAlive()) }
                state = .fixedBody(remaining: remaining - take)
                return nil
            case .chunkSize:
                guard let (line, offset) = try nextLine(budget: Self.maxChunkLine) else { return nil }
                let size = try chunkSize(line, at: offset)
                if size == 0 {
                    head.headerBytes = 0
                    state = .trailers
                } else {
                    guard size <= limits.maxBodyBytes - body.count else {
                        throw HTTPResponseParseError(.bodyTooLarge(limit: limits.maxBodyBytes), at: offset)
                    }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, bufferedByteCount)
                guard take > 0 else { return nil }
                body += buffer[start..<(start + take)]
                start += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkDataEnd:
                guard let (line, offset) = try nextLine(budget: 2) else { return nil }
                guard line.isEmpty else { throw HTTPResponseParseError(.missingChunkTerminator, at: offset) }
                state = .chunkSize
            case .trailers:
                guard let (line, offset) = try nextLine(budget: limits.maxHeaderBytes - head.headerBytes) else { return nil }
                head.headerBytes += line.count + 1
                if line.isEmpty { return complete(keepAlive: keepAlive()) }
                try parseField(line, at: offset, keep: false)
            case .untilClose:
                guard bufferedByteCount <= limits.maxBodyBytes - body.count else {
                    throw HTTPResponseParseError(.bodyTooLarge(limit: limits.maxBodyBytes), at: base + start + limits.maxBodyBytes - body.count)
                }
                body += buffer[start...]
                start = buffer.count
                return nil
            }
        }
    }

    /// The next line without its LF (and a CR before it), with its stream offset; `nil` until a
    /// LF arrives. A bare LF ends a line too (RFC 9112 §2.2); a bare CR is refused.
    mutating func nextLine(budget: Int) throws(HTTPResponseParseError) -> (ArraySlice<UInt8>, Int)? {
        let offset = base + start
        guard let lf = buffer[start...].firstIndex(of: 0x0A) else {
            if bufferedByteCount > budget { throw tooLong(at: offset) }
            return nil
        }
        guard lf - start + 1 <= budget else { throw tooLong(at: offset) }
        var end = lf
        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[start..<end]
        start = lf + 1
        if let cr = line.firstIndex(of: 0x0D) { throw HTTPResponseParseError(.invalidByte(0x0D), at: base + cr) }
        return (line, offset)
    }

    func tooLong(at offset: Int) -> HTTPResponseParseError {
        switch state {
        case .chunkSize: HTTPResponseParseError(.invalidChunkSize, at: offset)
        case .chunkDataEnd: HTTPResponseParseError(.missingChunkTerminator, at: offset)
        default: HTTPResponseParseError(.headerTooLarge(limit: limits.maxHeaderBytes), at: offset)
        }
    }

    mutating func complete(keepAlive: Bool) -> HTTPResponseMessage {
        let message = HTTPResponseMessage(
            response: HTTPResponse(status: head.status, headerFields: head.fields), body: body,
            keepAlive: keepAlive, interimStatuses: head.interim
        )
        head = Head()
        body = []
        state = .statusLine
        return message
    }
}
