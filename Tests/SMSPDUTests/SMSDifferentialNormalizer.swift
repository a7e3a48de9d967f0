@testable import SMSPDU

/// Our decoded PDUs in the record format of scripts/sms-differential.py.
enum SMSDifferentialNormalizer {
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ value: String) -> String {
        var out = ""
        var escaped = false
        for character in value {
            if escaped {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func fields(_ record: String) -> [String: String] {
        var result: [String: String] = [:]
        for field in record.split(separator: "\t", omittingEmptySubsequences: false) {
            guard let equals = field.firstIndex(of: "=") else { continue }
            result[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        return result
    }

    static func nibbleLetters(_ digits: String) -> String {
        String(digits.map { character -> Character in
            switch character {
            case "*": "A"
            case "#": "B"
            case "a": "C"
            case "b": "D"
            case "c": "E"
            default: character
            }
        })
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func utc(_ stamp: SMSTimestamp) -> String {
        let seconds = days(stamp.year, stamp.month, stamp.day) * 86_400 + stamp.hour * 3600 + stamp.minute * 60 + stamp.second - stamp.utcOffsetSeconds
        let dayCount = Int((Double(seconds) / 86_400).rounded(.down))
        var remainder = seconds - dayCount * 86_400
        // civil_from_days
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let hour = remainder / 3600
        remainder %= 3600
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(remainder / 60)):\(two(remainder % 60))"
    }

    static func header(_ header: UserDataHeader?) -> String {
        guard let header else { return "-" }
        return header.elements.map { element -> String in
            switch element {
            case let .concatenated8(reference, total, sequence): return "00:ref=\(reference),total=\(total),seq=\(sequence)"
            case let .concatenated16(reference, total, sequence): return "08:ref=\(reference),total=\(total),seq=\(sequence)"
            default:
                let (identifier, data) = element.wire
                return PDUHex.string([identifier]) + ":" + PDUHex.string(data)
            }
        }.joined(separator: ";")
    }

    static func body(_ userData: SMSUserData) -> String {
        switch userData.body {
        case .text(let text): text
        case .data(let bytes), .compressed(let bytes): PDUHex.string(bytes)
        }
    }

    static func encoding(_ scheme: DataCodingScheme) -> String {
        switch scheme.alphabet {
        case .gsm7: "gsm"
        case .ucs2: "ucs2"
        case .eightBit: "binary"
        }
    }

    static func record(_ pdu: SMSPDU) -> String {
        func bit(_ value: Bool) -> String { value ? "1" : "0" }
        var fields: [(String, String)] = [("smsc", pdu.smsc?.description ?? "")]
        switch pdu.tpdu {
        case .deliver(let deliver):
            fields.insert(("kind", "deliver"), at: 0)
            fields += [
                ("addr", deliver.originator.description), ("ton", "\(deliver.originator.typeOfNumber.rawValue)"),
                ("npi", "\(deliver.originator.numberingPlan.rawValue)"), ("pid", "\(deliver.protocolIdentifier)"),
                ("enc", encoding(deliver.dataCodingScheme)), ("udh", header(deliver.userData.header)),
                ("udhi", bit(deliver.userData.header != nil)), ("rp", bit(deliver.replyPath)),
                ("sri", bit(deliver.statusReportIndication)), ("mms", bit(!deliver.moreMessagesToSend)),
                ("time", utc(deliver.serviceCentreTimestamp)), ("text", body(deliver.userData)),
            ]
        case .submit(let submit):
            fields.insert(("kind", "submit"), at: 0)
            let vp: String = switch submit.validityPeriod {
            case nil: "none"
            case .relative(let value)?: "\(value)"
            case .absolute(let stamp)?: utc(stamp)
            case .enhanced?: "enhanced"
            }
            fields += [
                ("addr", submit.destination.description), ("ton", "\(submit.destination.typeOfNumber.rawValue)"),
                ("npi", "\(submit.destination.numberingPlan.rawValue)"), ("pid", "\(submit.protocolIdentifier)"),
                ("enc", encoding(submit.dataCodingScheme)), ("udh", header(submit.userData.header)),
                ("udhi", bit(submit.userData.header != nil)), ("rp", bit(submit.replyPath)),
                ("srr", bit(submit.statusReportRequest)), ("rd", bit(submit.rejectDuplicates)),
                ("mr", "\(submit.messageReference)"), ("vp", vp), ("text", body(submit.userData)),
            ]
        default:
            fields.insert(("kind", "other"), at: 0)
        }
        return fields.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "\t")
    }
}
