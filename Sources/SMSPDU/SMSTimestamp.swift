/// A service centre time stamp (TP-SCTS, TP-DT) or absolute validity period, TS 23.040 §9.2.3.11:
/// seven swapped semi-octets YY MM DD hh mm ss TZ, the zone in quarter hours with bit 3 of the
/// last octet as the sign.
///
///     // 99 30 92 51 61 95 80 → 1999-03-29 15:16:59, GMT+2 (TS 23.040 example as printed by
///     // many guides, e.g. "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37")
///     SMSTimestamp(year: 1999, month: 3, day: 29, hour: 15, minute: 16, second: 59, timeZoneQuarterHours: 8)
public struct SMSTimestamp: Sendable, Hashable, CustomStringConvertible {
    /// Four-digit year: the two digits on the wire, with 90...99 read as 1990...1999 and the rest
    /// as 2000...2089.
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Offset from UTC in quarter hours, −79...79 (e.g. +8 is GMT+2, −20 is GMT−5).
    public var timeZoneQuarterHours: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, timeZoneQuarterHours: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.timeZoneQuarterHours = timeZoneQuarterHours
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
        var values = [Int](repeating: 0, count: 7)
        for index in 0..<7 {
            let byte = bytes[bytes.startIndex + index]
            // The zone's tens digit has the sign in bit 3: only bits 0...2 are a digit.
            let low = index == 6 ? byte & 0x07 : byte & 0x0F
            let high = byte >> 4
            guard low <= 9 else { throw PDUError(.invalidSemiOctet(field: field, value: low), offset: start + index) }
            guard high <= 9 else { throw PDUError(.invalidSemiOctet(field: field, value: high), offset: start + index) }
            values[index] = Int(low) * 10 + Int(high)
        }
        let negative = bytes[bytes.startIndex + 6] & 0x08 != 0
        let yy = values[0]
        return SMSTimestamp(
            year: yy >= 90 ? 1900 + yy : 2000 + yy, month: values[1], day: values[2],
            hour: values[3], minute: values[4], second: values[5],
            timeZoneQuarterHours: negative ? -values[6] : values[6]
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
