import ATCodec

extension ModemInfo {
    /// The report as aligned `Label  value` lines.
    var humanLines: [String] {
        func show<Value>(_ item: Item<Value>, _ format: (Value) -> String) -> String {
            switch item {
            case .success(let value): format(value)
            case .failure(let unavailable): "unavailable: \(unavailable.reason)"
            }
        }
        var rows: [(String, String)] = [
            ("Manufacturer", show(manufacturer) { $0 }),
            ("Model", show(model) { $0 }),
            ("Firmware", show(firmware) { $0 }),
            ("IMEI", show(imei) { $0.digits }),
            ("IMSI", show(imsi) { $0.digits }),
            ("ICCID", show(iccid) { $0.digits }),
            ("SIM", show(sim) { $0 == .ready ? "ready" : $0.text }),
            ("Signal", show(signal, Self.describe)),
        ]
        for (index, (label, item)) in registrations.enumerated() {
            rows.append((index == 0 ? "Registration" : "", "\(label.padding(4)) \(show(item, Self.describe))"))
        }
        rows.append(("Operator", show(operatorSelection, Self.describe)))
        return rows.map { label, value in "\(label.padding(13)) \(value)" }
    }

    /// The three registration domains with the short labels the report uses.
    var registrations: [(String, Item<Registration>)] {
        [("CS", circuitSwitched), ("PS", packetSwitched), ("EPS", eps)]
    }

    static func describe(_ signal: CSQ.SignalQuality) -> String {
        guard let rssi = signal.rssi else { return "unknown (+CSQ: 99)" }
        let level = signal.rssiDBm.map { "\($0) dBm" } ?? "rssi \(rssi)"
        let ber = signal.ber.map { "bit error rate class \($0)" } ?? "bit error rate unknown"
        return "\(level) (+CSQ: \(rssi); \(ber))"
    }

    static func describe(_ registration: Registration) -> String {
        var parts = [describe(registration.status)]
        if let area = registration.areaCode { parts.append("\(registration.domain == .eps ? "TAC" : "LAC") \(area)") }
        if let cell = registration.cellID { parts.append("cell \(cell)") }
        if let technology = registration.accessTechnology { parts.append(technology.description) }
        return parts.joined(separator: ", ")
    }

    static func describe(_ status: Registration.Status) -> String {
        switch status {
        case .notRegistered: "not registered, not searching"
        case .home: "registered, home network"
        case .searching: "not registered, searching"
        case .denied: "registration denied"
        case .unknown: "unknown (out of coverage?)"
        case .roaming: "registered, roaming"
        case .smsOnlyHome: "registered for SMS only, home network"
        case .smsOnlyRoaming: "registered for SMS only, roaming"
        case .emergencyOnly: "emergency bearer services only"
        case .csfbNotPreferredHome: "registered, home network (CSFB not preferred)"
        case .csfbNotPreferredRoaming: "registered, roaming (CSFB not preferred)"
        case .other(let code): "status \(code)"
        }
    }

    static func describe(_ selection: COPS.Selection) -> String {
        guard let name = selection.operatorName else { return "none (not registered)" }
        var details: [String] = []
        if let technology = selection.accessTechnology { details.append(technology.description) }
        details.append(selection.mode == .automatic ? "automatic selection" : "manual selection")
        return "\(name) (\(details.joined(separator: ", ")))"
    }
}

extension ModemInfo: Encodable {
    private enum Keys: String, CodingKey {
        case manufacturer, model, firmware, imei, imsi, iccid, sim, signal, registration, `operator`, unavailable
    }

    private struct SignalJSON: Encodable {
        var rssi: Int?
        var ber: Int?
        var dbm: Int?
    }

    private struct RegistrationJSON: Encodable {
        var status: Int
        var state: String
        var registered: Bool
        var roaming: Bool
        var areaCode: String?
        var cellID: String?
        var accessTechnology: String?
    }

    private struct OperatorJSON: Encodable {
        var name: String?
        var format: Int?
        var mode: Int
        var accessTechnology: String?
    }

    /// One object: every key is present, `null` when the item is unavailable, and
    /// `unavailable` maps those keys to their reasons.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var unavailable: [String: String] = [:]
        func value<Value>(_ item: Item<Value>, _ key: Keys) -> Value? {
            switch item {
            case .success(let value): return value
            case .failure(let failure):
                unavailable[key.rawValue] = failure.reason
                return nil
            }
        }
        try container.encode(value(manufacturer, .manufacturer), forKey: .manufacturer)
        try container.encode(value(model, .model), forKey: .model)
        try container.encode(value(firmware, .firmware), forKey: .firmware)
        try container.encode(value(imei, .imei)?.digits, forKey: .imei)
        try container.encode(value(imsi, .imsi)?.digits, forKey: .imsi)
        try container.encode(value(iccid, .iccid)?.digits, forKey: .iccid)
        try container.encode(value(sim, .sim)?.text, forKey: .sim)
        try container.encode(value(signal, .signal).map { SignalJSON(rssi: $0.rssi, ber: $0.ber, dbm: $0.rssiDBm) }, forKey: .signal)
        var registrations: [String: RegistrationJSON?] = [:]
        for (key, item) in [("creg", circuitSwitched), ("cgreg", packetSwitched), ("cereg", eps)] {
            var reason: String?
            let registration: Registration?
            switch item {
            case .success(let value): registration = value
            case .failure(let failure):
                registration = nil
                reason = failure.reason
            }
            if let reason { unavailable["registration.\(key)"] = reason }
            registrations[key] = registration.map {
                RegistrationJSON(status: $0.status.code, state: Self.describe($0.status), registered: $0.status.isRegistered,
                                 roaming: $0.status.isRoaming, areaCode: $0.areaCode, cellID: $0.cellID,
                                 accessTechnology: $0.accessTechnology?.description)
            }
        }
        try container.encode(registrations, forKey: .registration)
        try container.encode(value(operatorSelection, .operator).map {
            OperatorJSON(name: $0.operatorName, format: $0.format?.rawValue, mode: $0.mode.rawValue,
                         accessTechnology: $0.accessTechnology?.description)
        }, forKey: .operator)
        try container.encode(unavailable, forKey: .unavailable)
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
