/// A service centre time stamp (TP-SCTS, TP-DT) or absolute validity period, TS 23.040 §9.2.3.11:
/// seven swapped semi-octets YY MM DD hh mm ss TZ, the zone in quarter hours with bit 3 of the
/// last octet as the sign.
///
///     // 99 30 92 51 61 95 80 → 1999-03-29 15:16:59, GMT+2 (TS 23.040 example as printed by
///     // many guides, e.g. "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37")
///     SMSTimestamp(year: 1999, month: 3, day: 29, hour: 15, minute: 16, second: 59, timeZoneQuarterHours: 8)
public struct SMSTimestamp: Sendable, Hashable, CustomStringConvertible {
    // Stored small so that decoded messages copy cheaply; values outside Int16 clamp (and are
    // then refused by the encoder, which accepts 0...99 per field).
    private var storage: (year: Int16, month: Int16, day: Int16, hour: Int16, minute: Int16, second: Int16, zone: Int16)

    /// Four-digit year: the two digits on the wire, with 90...99 read as 1990...1999 and the rest
    /// as 2000...2089.
    public var year: Int { get { Int(storage.year) } set { storage.year = Int16(clamping: newValue) } }
    public var month: Int { get { Int(storage.month) } set { storage.month = Int16(clamping: newValue) } }
    public var day: Int { get { Int(storage.day) } set { storage.day = Int16(clamping: newValue) } }
    public var hour: Int { get { Int(storage.hour) } set { storage.hour = Int16(clamping: newValue) } }
    public var minute: Int { get { Int(storage.minute) } set { storage.minute = Int16(clamping: newValue) } }
    public var second: Int { get { Int(storage.second) } set { storage.second = Int16(clamping: newValue) } }
    /// Offset from UTC in quarter hours, −79...79 (e.g. +8 is GMT+2, −20 is GMT−5).
    public var timeZoneQuarterHours: Int { get { Int(storage.zone) } set { storage.zone = Int16(clamping: newValue) } }

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, timeZoneQuarterHours: Int) {
        storage = (
            Int16(clamping: year), Int16(clamping: month), Int16(clamping: day), Int16(clamping: hour),
            Int16(clamping: minute), Int16(clamping: second), Int16(clamping: timeZoneQuarterHours)
        )
    }

    public static func == (lhs: SMSTimestamp, rhs: SMSTimestamp) -> Bool {
        lhs.storage.year == rhs.storage.year && lhs.storage.month == rhs.storage.month && lhs.storage.day == rhs.storage.day
            && lhs.storage.hour == rhs.storage.hour && lhs.storage.minute == rhs.storage.minute
            && lhs.storage.second == rhs.storage.second && lhs.storage.zone == rhs.storage.zone
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.year)
        hasher.combine(storage.month)
        hasher.combine(storage.day)
        hasher.combine(storage.hour)
        hasher.combine(storage.minute)
        hasher.combine(storage.second)
        hasher.combine(storage.zone)
    }

    /// The offset from UTC in seconds.
    public var utcOffsetSeconds: Int { timeZoneQuarterHours * 15 * 60 }

    /// `1999-03-29 15:16:59 +02:00`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : "\(value)" }
        let minutes = abs(timeZoneQuarterHours) * 15
        let sign = timeZoneQuarterHours < 0 ? "-" : "+"
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    static func decode(_ reader: inout PDUReader, field: String) throws(PDUError) -> SMSTimestamp {
        let start = reader.offset
        let bytes = try reader.take(7, field)
        let base = bytes.startIndex
        func value(_ index: Int) throws(PDUError) -> Int {
            let byte = bytes[base + index]
            // The zone's tens digit has the sign in bit 3: only bits 0...2 are a digit.
            let low = index == 6 ? byte & 0x07 : byte & 0x0F
            let high = byte >> 4
            guard low <= 9 else { throw PDUError(.invalidSemiOctet(field: field, value: low), offset: start + index) }
            guard high <= 9 else { throw PDUError(.invalidSemiOctet(field: field, value: high), offset: start + index) }
            return Int(low) * 10 + Int(high)
        }
        let yy = try value(0)
        let zone = try value(6)
        return SMSTimestamp(
            year: yy >= 90 ? 1900 + yy : 2000 + yy, month: try value(1), day: try value(2),
            hour: try value(3), minute: try value(4), second: try value(5),
            timeZoneQuarterHours: bytes[base + 6] & 0x08 != 0 ? -zone : zone
        )
    }

    func encode(into out: inout [UInt8], field: String) throws(PDUError) {
        let fields = [year % 100, month, day, hour, minute, second]
        for value in fields {
            guard (0...99).contains(value) else { throw PDUError(.valueOutOfRange(field: field, value: value), offset: out.count) }
            out.append(UInt8(value % 10) << 4 | UInt8(value / 10))
        }
        let zone = abs(timeZoneQuarterHours)
        guard zone <= 79 else { throw PDUError(.valueOutOfRange(field: field, value: timeZoneQuarterHours), offset: out.count) }
        out.append(UInt8(zone % 10) << 4 | UInt8(zone / 10) | (timeZoneQuarterHours < 0 ? 0x08 : 0))
    }
}
