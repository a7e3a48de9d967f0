/// The header of a trace: the magic line with the format version, then `# key: value` fields.
///
///     #modemkit-trace v1
///     # tool: modemkit 0.1.0
///     # device: /dev/ttyUSB2
///     # profile: generic
///     # baud: 115200
///     # start: 2026-11-25T16:00:00.000Z
///
/// ```swift
/// var header = TraceHeader(tool: "modemkit 0.1.0", device: "/dev/ttyUSB2")
/// header.baud = 115_200
/// header["sim"] = "test-sim-1"            // any other field, kept in order
/// ```
public struct TraceHeader: Sendable, Hashable {
    /// The version this library writes and reads.
    public static let currentVersion = 1
    /// The first characters of every trace; followed by ` v<version>`.
    public static let magic = "#modemkit-trace"

    /// One `# key: value` line. Keys are tokens (`a-z A-Z 0-9 _ - .`), values are escaped text.
    public struct Field: Sendable, Hashable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The format version from the magic line.
    public var version: Int
    /// Every field in file order, known keys included.
    public var fields: [Field]

    public init(version: Int = TraceHeader.currentVersion, fields: [Field] = []) {
        self.version = version
        self.fields = fields
    }

    /// Creates a header with the well-known fields; `nil` ones are left out.
    public init(
        tool: String? = nil, device: String? = nil, profile: String? = nil,
        baud: Int? = nil, start: String? = nil
    ) {
        self.init()
        self.tool = tool
        self.device = device
        self.profile = profile
        self.baud = baud
        self.start = start
    }

    /// The value of the first field named `key` (keys compare case-insensitively).
    /// Setting `nil` removes every field with that key; setting a value replaces the first
    /// one in place or appends a new field.
    public subscript(key: String) -> String? {
        get { fields.first { $0.key.lowercased() == key.lowercased() }?.value }
        set {
            let lowered = key.lowercased()
            guard let newValue else {
                fields.removeAll { $0.key.lowercased() == lowered }
                return
            }
            if let index = fields.firstIndex(where: { $0.key.lowercased() == lowered }) {
                fields[index].value = newValue
            } else {
                fields.append(Field(key: key, value: newValue))
            }
        }
    }

    /// The program that wrote the trace: `modemkit 0.1.0`.
    public var tool: String? {
        get { self["tool"] }
        set { self["tool"] = newValue }
    }

    /// The transport's description: `/dev/ttyUSB2`, `tcp:10.0.0.5:4001`.
    public var device: String? {
        get { self["device"] }
        set { self["device"] = newValue }
    }

    /// The dialect or SIM profile in use: `generic`, `quectel`.
    public var profile: String? {
        get { self["profile"] }
        set { self["profile"] = newValue }
    }

    /// The line speed; `nil` when absent or not a number.
    public var baud: Int? {
        get { self["baud"].flatMap { Int($0) } }
        set { self["baud"] = newValue.map(String.init) }
    }

    /// Wall-clock time of ``TraceTime/zero``, ISO 8601 in UTC with milliseconds:
    /// `2026-11-25T16:00:00.000Z`. Kept as text; this module reads no clock.
    public var start: String? {
        get { self["start"] }
        set { self["start"] = newValue }
    }

    /// Whether `key` can be written as a header field key.
    public static func isValidKey(_ key: String) -> Bool {
        let utf8 = key.utf8
        return !utf8.isEmpty && utf8.count <= 64 && utf8.allSatisfy(TraceSyntax.isTokenByte)
    }
}
