import HTTPTypes

/// One final HTTP response as ``HTTPResponseParser`` read it.
public struct HTTPResponseMessage: Sendable, Hashable {
    /// Status (code and reason phrase) and header fields; trailer fields are not kept.
    public var response: HTTPResponse
    /// The body, chunked transfer coding removed.
    public var body: [UInt8]
    /// Whether the connection may carry the next request (RFC 9112 §9.3): HTTP/1.1 without
    /// `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`, and a body that did not
    /// end with the connection.
    public var keepAlive: Bool
    /// The 1xx interim responses that came first (`100 Continue`, `103 Early Hints`), skipped.
    public var interimStatuses: [HTTPResponse.Status]

    public init(response: HTTPResponse, body: [UInt8] = [], keepAlive: Bool = true, interimStatuses: [HTTPResponse.Status] = []) {
        self.response = response
        self.body = body
        self.keepAlive = keepAlive
        self.interimStatuses = interimStatuses
    }
}

/// Why a response could not be read, and the byte offset (from the first byte the parser got)
/// where the problem is.
///
///     HTTP/1.1 2x0 OK\r\n   → invalidStatusCode("2x0") at offset 9
public struct HTTPResponseParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not `HTTP/x.y <code> [reason]`.
        case invalidStatusLine
        /// A major version other than 1.
        case unsupportedVersion(String)
        /// Not three digits in 100...599.
        case invalidStatusCode(String)
        /// A header or trailer line that is not `name: value` (space before the colon, a
        /// name that is not a token, a fold before the first field).
        case invalidFieldLine
        /// A control byte (or bare CR) where none may be.
        case invalidByte(UInt8)
        /// The status line and fields (or the trailers) pass the limit.
        case headerTooLarge(limit: Int)
        case tooManyFields(limit: Int)
        /// Not a decimal number, or several that differ.
        case invalidContentLength(String)
        /// A transfer coding other than `chunked` alone (this client asks for none).
        case unsupportedTransferCoding(String)
        /// A chunk-size line without hex digits, or too large a number.
        case invalidChunkSize
        /// Chunk data not followed by CRLF.
        case missingChunkTerminator
        case bodyTooLarge(limit: Int)
        /// More 1xx interim responses before the final one than a server has reason to send.
        case tooManyInterimResponses(limit: Int)
        /// `101 Switching Protocols`, which this client never asks for.
        case switchingProtocols
        /// The connection ended inside a response.
        case truncated
    }

    public var kind: Kind
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let what: String = switch kind {
        case .invalidStatusLine: "not a status line"
        case .unsupportedVersion(let version): "unsupported version \(version)"
        case .invalidStatusCode(let code): "invalid status code \"\(code)\""
        case .invalidFieldLine: "not a header field line"
        case .invalidByte(let byte): "byte 0x\(String(byte, radix: 16)) not allowed"
        case .headerTooLarge(let limit): "header larger than \(limit) bytes"
        case .tooManyFields(let limit): "more than \(limit) header fields"
        case .invalidContentLength(let value): "invalid Content-Length \"\(value)\""
        case .unsupportedTransferCoding(let coding): "unsupported transfer coding \"\(coding)\""
        case .invalidChunkSize: "invalid chunk size"
        case .missingChunkTerminator: "chunk data not followed by CRLF"
        case .bodyTooLarge(let limit): "body larger than \(limit) bytes"
        case .tooManyInterimResponses(let limit): "more than \(limit) interim (1xx) responses"
        case .switchingProtocols: "unexpected 101 Switching Protocols"
        case .truncated: "connection closed inside a response"
        }
        return "HTTP response: \(what) at offset \(offset)"
    }
}
