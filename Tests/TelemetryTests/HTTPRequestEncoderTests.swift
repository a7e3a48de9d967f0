import HTTPTypes
import Telemetry
import Testing

/// Layer 1: request heads as golden bytes.
@Suite struct HTTPRequestEncoderTests {
    @Test func aPostCarriesHostLengthTypeKeepAliveAndAgent() throws {
        let request = HTTPRequest(method: .post, scheme: "http", authority: "collector:8080", path: "/in?site=7")
        let bytes = try HTTPRequestEncoder.encode(request, body: Array(#"[{"id":"a"}]"#.utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == """
        POST /in?site=7 HTTP/1.1\r
        Host: collector:8080\r
        Content-Type: application/json\r
        Content-Length: 12\r
        Connection: keep-alive\r
        User-Agent: ModemKit\r
        \r
        [{"id":"a"}]
        """)
    }

    @Test func callerFieldsWinExceptFraming() throws {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-ndjson"
        fields[.userAgent] = "meter/2"
        fields[.contentLength] = "999"
        fields[.transferEncoding] = "chunked"
        fields[.authorization] = "Bearer t\r\nX-Evil: 1"
        let request = HTTPRequest(method: .post, scheme: "http", authority: "h", path: "/", headerFields: fields)
        let text = String(decoding: try HTTPRequestEncoder.encode(request, body: [0x31]), as: UTF8.self)
        #expect(text == "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nConnection: keep-alive\r\n"
            + "Content-Type: application/x-ndjson\r\nUser-Agent: meter/2\r\nAuthorization: Bearer t  X-Evil: 1\r\n\r\n1")
    }

    @Test func aGetWithoutBodyHasNoLengthOrType() throws {
        let request = HTTPRequest(method: .get, scheme: "http", authority: "[::1]:81", path: "/health")
        #expect(String(decoding: try HTTPRequestEncoder.encode(request), as: UTF8.self)
            == "GET /health HTTP/1.1\r\nHost: [::1]:81\r\nConnection: keep-alive\r\nUser-Agent: ModemKit\r\n\r\n")
    }

    @Test func badRequestsAreTypedErrors() {
        #expect(throws: HTTPRequestEncodingError.missingAuthority) {
            try HTTPRequestEncoder.encode(HTTPRequest(method: .post, scheme: "http", authority: nil, path: "/"))
        }
        #expect(throws: HTTPRequestEncodingError.invalidTarget("/a b")) {
            try HTTPRequestEncoder.encode(HTTPRequest(method: .post, scheme: "http", authority: "h", path: "/a b"))
        }
        #expect(throws: HTTPRequestEncodingError.invalidTarget("x")) {
            try HTTPRequestEncoder.encode(HTTPRequest(method: .post, scheme: "http", authority: "h", path: "x"))
        }
    }
}
