import Logging
import ModemKit
import Telemetry

/// Turns destination URLs into the agent's routes: the sender for each scheme, all over one
/// connector (the modem's sockets, or the host's), in the order given (first = highest priority).
///
///     let routes = try TelemetryRoutes(connector: modemSockets, sms: smsService, device: "meter-42")
///         .make(["mqtt://meter:…@broker:1883/meters/{device}/{id}", "sms:+15551234567"])
///     // [MQTTSender (data), SMSSender (fallback)]
public struct TelemetryRoutes: Sendable {
    public var connector: any TelemetryConnector
    /// Sends the SMS fallback; an `sms:` destination without it is refused.
    public var sms: SMSService?
    /// Names this device in topics (`{device}`) and as the MQTT client ID.
    public var device: String
    /// MQTT keep alive, in seconds.
    public var keepAlive: UInt16
    /// SMS messages (one part each, 160 GSM 7-bit characters) one delivery may send.
    public var smsMessages: Int
    public var clock: any Clock<Duration>
    public var logger: Logger

    public init(
        connector: any TelemetryConnector, sms: SMSService? = nil, device: String, keepAlive: UInt16 = 60, smsMessages: Int = 1,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "modemkit.telemetry")
    ) {
        self.connector = connector
        self.sms = sms
        self.device = device
        self.keepAlive = keepAlive
        self.smsMessages = max(1, smsMessages)
        self.clock = clock
        self.logger = logger
    }

    /// One route per URL, in order.
    public func make(_ urls: [String]) throws(TelemetryRouteError) -> [TelemetryAgent.Route] {
        var routes: [TelemetryAgent.Route] = []
        for url in urls {
            let destination: TelemetryDestination
            do {
                destination = try TelemetryDestination(url)
            } catch {
                throw .invalidURL(Self.redacted(url), error)
            }
            routes.append(try route(for: destination))
        }
        return routes
    }

    /// The sender for one destination.
    public func route(for destination: TelemetryDestination) throws(TelemetryRouteError) -> TelemetryAgent.Route {
        switch destination {
        case .mqtt(let mqtt):
            let options = MQTTClientOptions(
                clientID: Self.clientID(device), cleanSession: false, keepAlive: keepAlive,
                username: mqtt.username, password: mqtt.password.map { MQTTSecret($0) })
            let template = mqtt.topic
            let device = device
            let sender = MQTTSender(
                connector: connector, host: mqtt.endpoint.host.connectHost, port: mqtt.endpoint.port, options: options,
                clock: clock, logger: logger, topic: { template.topic(id: $0.id, device: device) })
            return TelemetryAgent.Route(sender)
        case .http(let http):
            return TelemetryAgent.Route(HTTPSender(destination: http, connector: connector, clock: clock))
        case .tcp(let endpoint):
            return TelemetryAgent.Route(LineSender(endpoint: endpoint, connector: connector))
        case .udp(let endpoint):
            return TelemetryAgent.Route(DatagramSender(endpoint: endpoint, connector: connector))
        case .sms(let number):
            guard let sms else { throw .noSMS(destination.description) }
            return TelemetryAgent.Route(SMSSender(destination: number, service: sms, maxMessages: smsMessages), kind: .sms)
        }
    }

    /// An MQTT client ID from the device name: MQTT 3.1.1 servers must accept 1–23 characters of
    /// `0-9a-zA-Z` (§3.1.3.1); others are left out and a long name keeps its end.
    static func clientID(_ device: String) -> String {
        let allowed = device.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        let text = String(String.UnicodeScalarView(allowed))
        return text.isEmpty ? "modemkit" : String(text.suffix(23))
    }

    /// The URL with any password replaced, for messages.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}

/// Why destinations could not be set up.
public enum TelemetryRouteError: Error, Sendable, CustomStringConvertible {
    case invalidURL(String, TelemetryDestinationError)
    /// An `sms:` destination but no SMS service to send with.
    case noSMS(String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let error): "\(url): \(error)"
        case .noSMS(let destination): "\(destination): SMS needs a modem"
        }
    }
}
