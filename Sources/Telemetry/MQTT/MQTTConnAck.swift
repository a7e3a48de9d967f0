/// CONNACK (§3.2): the server's answer to CONNECT.
///
///     20 02 00 05   → sessionPresent false, return code 5 (not authorized)
public struct MQTTConnAck: Sendable, Hashable, CustomStringConvertible {
    /// The server still had a session for this client (only with clean session off).
    public var sessionPresent: Bool
    public var returnCode: MQTTConnectReturnCode

    public init(sessionPresent: Bool = false, returnCode: MQTTConnectReturnCode = .accepted) {
        self.sessionPresent = sessionPresent
        self.returnCode = returnCode
    }

    public var description: String { "sessionPresent=\(sessionPresent) \(returnCode)" }
}

/// CONNACK return codes (§3.2.2.3, table 3.1).
public enum MQTTConnectReturnCode: Sendable, Hashable, CustomStringConvertible {
    /// 0
    case accepted
    /// 1: the server does not speak MQTT 3.1.1.
    case unacceptableProtocolVersion
    /// 2: the client identifier is valid UTF-8 but the server does not allow it.
    case identifierRejected
    /// 3: the network connection is made but the MQTT service is unavailable.
    case serverUnavailable
    /// 4: the user name or password is malformed.
    case badUsernameOrPassword
    /// 5: the client is not authorized to connect (wrong credentials, anonymous refused).
    case notAuthorized
    /// 6 to 255, reserved for future use.
    case reserved(UInt8)

    public init(code: UInt8) {
        switch code {
        case 0: self = .accepted
        case 1: self = .unacceptableProtocolVersion
        case 2: self = .identifierRejected
        case 3: self = .serverUnavailable
        case 4: self = .badUsernameOrPassword
        case 5: self = .notAuthorized
        default: self = .reserved(code)
        }
    }

    public var code: UInt8 {
        switch self {
        case .accepted: 0
        case .unacceptableProtocolVersion: 1
        case .identifierRejected: 2
        case .serverUnavailable: 3
        case .badUsernameOrPassword: 4
        case .notAuthorized: 5
        case .reserved(let code): code
        }
    }

    /// The specification's wording.
    public var text: String {
        switch self {
        case .accepted: "connection accepted"
        case .unacceptableProtocolVersion: "unacceptable protocol version"
        case .identifierRejected: "identifier rejected"
        case .serverUnavailable: "server unavailable"
        case .badUsernameOrPassword: "bad user name or password"
        case .notAuthorized: "not authorized"
        case .reserved: "reserved return code"
        }
    }

    /// `5 (not authorized)`
    public var description: String { "\(code) (\(text))" }
}
