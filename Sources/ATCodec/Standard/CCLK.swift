/// Clock, TS 27.007 §8.15: `"yy/MM/dd,hh:mm:ss±zz"`, the zone in quarter hours.
public enum CCLK {
    public static let name = "+CCLK"

    /// The modem's local time and, when it knows it, its offset from UTC.
    public struct Time: Sendable, Hashable, CustomStringConvertible {
        /// The full year: `24` on the wire is 2024 (two-digit years are 2000...2099).
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// The offset from UTC in quarter hours (`+08` = +2 h, `-16` = −4 h); `nil` when the
        /// modem printed no zone.
        public var timeZoneQuarterHours: Int?

        public init(
            year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, timeZoneQuarterHours: Int? = nil
        ) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
            self.timeZoneQuarterHours = timeZoneQuarterHours
        }

        /// The offset from UTC in seconds; `nil` without a zone or with one outside ±24 h.
        public var utcOffsetSeconds: Int? {
            guard let zone = timeZoneQuarterHours, (-96...96).contains(zone) else { return nil }
            return zone * 15 * 60
        }

        /// Seconds since 1970-01-01 00:00:00 UTC, when the zone is known and the fields are in
        /// range.
        public var secondsSince1970: Int? {
            guard let utcOffsetSeconds, problem == nil, (-1_000_000...1_000_000).contains(year) else { return nil }
            // Days from the civil date (proleptic Gregorian), years counted from March.
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let monthFromMarch = month > 2 ? month - 3 : month + 9
            let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            return days * 86_400 + hour * 3_600 + minute * 60 + second - utcOffsetSeconds
        }

        /// The wire form: `24/05/17,14:03:22+08`.
        public var description: String {
            func two(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : "\(value)" }
            var text = "\(two(year % 100))/\(two(month))/\(two(day)),\(two(hour)):\(two(minute)):\(two(second))"
            if let zone = timeZoneQuarterHours { text += (zone < 0 ? "-" : "+") + two(abs(zone)) }
            return text
        }

        /// Why the fields are out of range, or `nil` when they are a valid time.
        var problem: String? {
            if !(1...12).contains(month) { return "month \(month) is not 1...12" }
            if !(1...31).contains(day) { return "day \(day) is not 1...31" }
            if !(0...23).contains(hour) { return "hour \(hour) is not 0...23" }
            if !(0...59).contains(minute) { return "minute \(minute) is not 0...59" }
            if !(0...60).contains(second) { return "second \(second) is not 0...60" }
            if let zone = timeZoneQuarterHours, !(-96...96).contains(zone) { return "zone \(zone) is not -96...96" }
            return nil
        }

        /// Parses `24/05/17,14:03:22+08` (quotes, a four-digit year and a missing zone tolerated).
        static func parse(_ text: String, _ context: ATFieldsContext) throws(ATParseError) -> Time {
            let parts = StandardParsing.trimmed(text).split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw context.error("the time is not \"yy/MM/dd,hh:mm:ss±zz\"") }
            let date = parts[0].split(separator: "/", omittingEmptySubsequences: false)
            var clock = Substring(String(parts[1]).trimmingSpaces())
            var zone: Int?
            if let sign = clock.firstIndex(where: { $0 == "+" || $0 == "-" }) {
                let digits = clock[clock.index(after: sign)...]
                guard StandardParsing.isDigits(digits), digits.utf8.count <= 2, let value = Int(String(digits)) else {
                    throw context.error("the time zone \"\(clock[sign...])\" is not ±zz")
                }
                zone = clock[sign] == "-" ? -value : value
                clock = clock[..<sign]
            }
            let hms = clock.split(separator: ":", omittingEmptySubsequences: false)
            func isNumber(_ text: Substring, digits: ClosedRange<Int>) -> Bool {
                StandardParsing.isDigits(text) && digits.contains(text.utf8.count)
            }
            guard date.count == 3, hms.count == 3, isNumber(date[0], digits: 2...2) || isNumber(date[0], digits: 4...4),
                  (date.dropFirst() + hms).allSatisfy({ isNumber($0, digits: 1...2) }),
                  let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
                  let hour = Int(hms[0]), let minute = Int(hms[1]), let second = Int(hms[2])
            else { throw context.error("the time is not \"yy/MM/dd,hh:mm:ss±zz\"") }
            let time = Time(
                year: date[0].utf8.count > 2 ? year : 2000 + year, month: month, day: day,
                hour: hour, minute: minute, second: second, timeZoneQuarterHours: zone
            )
            if let problem = time.problem { throw context.error(problem) }
            return time
        }
    }

    /// Reads the clock.
    ///
    ///     → AT+CCLK?
    ///     ← +CCLK: "24/05/17,14:03:22+08"
    ///     ← OK
    ///
    /// Timeout: a local reading; Quectel gives 300 ms, we allow 1 s.
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CCLK.name) }
        public static var prefixes: [String] { ["+CCLK:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Time {
            let (body, context) = try StandardParsing.line(response, prefix: "+CCLK:")
            return try Time.parse(String(body), context)
        }
    }

    /// Sets the clock.
    ///
    ///     → AT+CCLK="24/05/17,14:03:22+08"
    ///     ← OK
    public struct Set: ATCommand {
        public let time: Time

        /// - Throws: ``ATArgumentError`` when a field is out of range or the year is not 2000...2099.
        public init(time: Time) throws(ATArgumentError) {
            if let problem = time.problem { throw ATArgumentError(command: CCLK.name, parameter: "time", reason: problem) }
            guard (2000...2099).contains(time.year) else {
                throw ATArgumentError(command: CCLK.name, parameter: "time", reason: "year \(time.year) is not 2000...2099")
            }
            self.time = time
        }

        public var text: String { StandardParsing.setLine(CCLK.name, safeStrings: [time.description]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
