extension COPS {
    /// One entry of the `AT+COPS=?` list: `(<stat>,long,short,numeric[,<AcT>])`.
    public struct Operator: Sendable, Hashable {
        /// `<stat>`.
        public enum Status: Int, Sendable, Hashable, CaseIterable {
            case unknown = 0
            case available = 1
            case current = 2
            case forbidden = 3
        }

        public var status: Status
        public var longName: String?
        public var shortName: String?
        /// MCC and MNC: `"26202"`.
        public var numeric: String?
        public var accessTechnology: AccessTechnology?

        public init(
            status: Status, longName: String?, shortName: String?, numeric: String?,
            accessTechnology: AccessTechnology? = nil
        ) {
            self.status = status
            self.longName = longName
            self.shortName = shortName
            self.numeric = numeric
            self.accessTechnology = accessTechnology
        }

        /// The mobile country code, when ``numeric`` is 5 or 6 digits.
        public var mcc: String? {
            guard let numeric, isPLMN(numeric) else { return nil }
            return String(numeric.prefix(3))
        }

        /// The mobile network code (2 or 3 digits), when ``numeric`` is 5 or 6 digits.
        public var mnc: String? {
            guard let numeric, isPLMN(numeric) else { return nil }
            return String(numeric.dropFirst(3))
        }

        private func isPLMN(_ text: String) -> Bool {
            StandardParsing.isDigits(text) && (5...6).contains(text.utf8.count)
        }

        /// Parses the body of a `+COPS:` test answer.
        static func parseList(_ body: Substring, _ context: ATFieldsContext) throws(ATParseError) -> [Operator] {
            var operators: [Operator] = []
            for item in try groups(body, context) {
                // The operator list ends at the empty item or the first group that is not an
                // operator (`(0-4)`, `(0,1,2,3,4)`): operators have at least 4 fields with a
                // quoted name among fields 2...4.
                guard let item else { break }
                let fields = try StandardParsing.fields(item, context)
                guard fields.count >= 4, fields[1...3].contains(where: { if case .quoted = $0 { true } else { false } }) else {
                    break
                }
                let code = try fields.requiredInt(0, in: context)
                guard let status = Status(rawValue: code) else { throw context.error("operator <stat> \(code) is not 0...3") }
                var entry = Operator(
                    status: status, longName: StandardParsing.text(fields, 1),
                    shortName: StandardParsing.text(fields, 2), numeric: StandardParsing.text(fields, 3)
                )
                if let act = try fields.int(4, in: context) {
                    guard act >= 0 else { throw context.error("<AcT> \(act) is negative") }
                    entry.accessTechnology = AccessTechnology(code: act)
                }
                operators.append(entry)
            }
            return operators
        }

        /// The top-level items of `(a),(b),,(c)`: each group's inside, `nil` for an empty item.
        private static func groups(_ text: Substring, _ context: ATFieldsContext) throws(ATParseError) -> [Substring?] {
            var items: [Substring?] = []
            var depth = 0
            var inQuotes = false
            var groupStart = text.startIndex
            var expectingItem = true
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                if inQuotes {
                    if character == "\"" { inQuotes = false }
                } else if depth > 0 {
                    switch character {
                    case "\"": inQuotes = true
                    case "(": depth += 1
                    case ")":
                        depth -= 1
                        if depth == 0 {
                            items.append(text[groupStart..<index])
                            expectingItem = false
                        }
                    default: break
                    }
                } else {
                    switch character {
                    case " ", "\t": break
                    case ",":
                        if expectingItem { items.append(nil) }
                        expectingItem = true
                    case "(" where expectingItem:
                        depth = 1
                        groupStart = text.index(after: index)
                    default:
                        throw context.error("unexpected \"\(character)\" between operator groups")
                    }
                }
                index = text.index(after: index)
            }
            if inQuotes { throw context.error("a quote is never closed") }
            if depth > 0 { throw context.error("a parenthesis is never closed") }
            return items
        }
    }
}
