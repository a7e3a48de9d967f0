import HTTPTypes

/// Encodes an HTTP/1.1 request (RFC 9112 §3) with its body, adding what every request from a
/// telemetry sender carries unless the request sets it: `Host` (from the authority),
/// `Content-Length`, `Content-Type: application/json` (with a body), `Connection: keep-alive`
/// and `User-Agent: ModemKit`.
///
///     let request = HTTPRequest(method: .post, scheme: "http", authority: "collector:8080", path: "/in")
///     try HTTPRequestEncoder.encode(request, body: Array(#"[{"id":"a"}]"#.utf8))
///     // POST /in HTTP/1.1\r\n
///     // Host: collector:8080\r\n
///     // Content-Type: application/json\r\n
///     // Content-Length: 12\r\n
///     // Connection: keep-alive\r\n
///     // User-Agent: ModemKit\r\n
///     // \r\n
///     // [{"id":"a"}]
public enum HTTPRequestEncoder {
    public static let userAgent = "ModemKit"

    /// The request's bytes, head and body.
    /// - Throws: ``HTTPRequestEncodingError`` for a request without an authority, or a path that
    ///   is not a valid request target (empty, not starting with `/`, spaces or control bytes).
    public static func encode(_ request: HTTPRequest, body: [UInt8] = []) throws(HTTPRequestEncodingError) -> [UInt8] {
        guard let authority = request.authority, !authority.isEmpty else { throw .missingAuthority }
        let path = request.path ?? "/"
        guard path.first == "/", path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidTarget(path) }
        var out: [UInt8] = []
        out.reserveCapacity(160 + body.count)
        out += Array("\(request.method.rawValue) \(path) HTTP/1.1\r\n".utf8)
        func field(_ name: String, _ value: String) {
            out += Array(name.utf8)
            out += [0x3A, 0x20]
            out += Array(value.utf8)
            out += [0x0D, 0x0A]
        }
        var fields = request.headerFields
        // Framing is ours: the caller cannot contradict the body we send.
        if let host = HTTPField.Name("Host") { fields[host] = nil }   // HTTPTypes keeps Host as :authority
        fields[.contentLength] = nil
        fields[.transferEncoding] = nil
        field("Host", authority)
        if !body.isEmpty, fields[.contentType] == nil { field("Content-Type", "application/json") }
        if !body.isEmpty || [.post, .put, .patch].contains(request.method) { field("Content-Length", String(body.count)) }
        if fields[.connection] == nil { field("Connection", "keep-alive") }
        if fields[.userAgent] == nil { field("User-Agent", userAgent) }
        for header in fields {
            // HTTPField values are already legal: no CR, LF or NUL can reach the wire.
            field(header.name.rawName, header.value)
        }
        out += [0x0D, 0x0A]
        out += body
        return out
    }
}

/// Why a request could not be encoded.
public enum HTTPRequestEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No authority: nothing to put in `Host`.
    case missingAuthority
    /// Not an origin-form request target (RFC 9112 §3.2.1).
    case invalidTarget(String)

    public var description: String {
        switch self {
        case .missingAuthority: "the request has no authority for the Host header"
        case .invalidTarget(let path): "\"\(path)\" is not a request target (/path?query, visible ASCII)"
        }
    }
}
