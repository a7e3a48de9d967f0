import ATCodec

/// Small typed commands for engine tests, independent of the standard command set.
struct SignalQuery: ATCommand {
    var text: String { "AT+CSQ" }
    static var prefixes: [String] { ["+CSQ:"] }
    func parse(_ response: ATResponse) throws(ATParseError) -> Int {
        let line = try response.line(withPrefix: "+CSQ:")
        let context = ATFieldsContext(command: text, line: String(line))
        return try ATFields(line).requiredInt(0, in: context)
    }
}

struct Ping: ATCommand {
    typealias Response = ATResponse
    var text: String { "AT" }
    static var timeout: Duration { .seconds(1) }
}

struct SlowScan: ATCommand {
    typealias Response = ATResponse
    var text: String { "AT+COPS=?" }
    static var prefixes: [String] { ["+COPS:"] }
    static var timeout: Duration { .seconds(180) }
}

struct EnterPIN: ATCommand {
    typealias Response = ATResponse
    let text: String
    init(_ pin: String) throws(ATEncodingError) {
        text = try ATCommandLine.set("+CPIN", [.string(pin)])
    }
}

struct SendPDU: ATCommand {
    let text: String
    let payload: [UInt8]?
    static var prefixes: [String] { ["+CMGS:"] }
    static var timeout: Duration { .seconds(60) }
    init(length: Int, pdu: String) {
        text = "AT+CMGS=\(length)"
        payload = Array(pdu.utf8) + [0x1A]
    }
    func parse(_ response: ATResponse) throws(ATParseError) -> Int {
        let line = try response.line(withPrefix: "+CMGS:")
        guard let reference = Int(line) else {
            throw ATParseError(command: text, line: String(line), reason: "not a message reference")
        }
        return reference
    }
}

struct OpenSocket: ATCommand {
    typealias Response = ATResponse
    var text: String { "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",8080,0,1" }
    static var timeout: Duration { .seconds(5) }
}
