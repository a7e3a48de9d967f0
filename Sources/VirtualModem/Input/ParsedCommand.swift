import ATCodec

/// One command of a command line, as the modem side reads it (ITU-T V.250 §5.3–5.4).
///
///     AT+CMEE=1;+CREG?;E0S0=2&F
///       → +CMEE set "1", +CREG read, E execute "0", S0 set "2", &F execute ""
public struct ParsedCommand: Sendable, Equatable {
    /// How the command was written.
    public enum Kind: Sendable, Equatable {
        /// `+CSQ`, `E1`, `I`, `D*99#`: the action, with an optional basic-command number.
        case execute
        /// `+CMEE=1`, `S3=13`.
        case set
        /// `+CREG?`, `S3?`.
        case read
        /// `+CREG=?`.
        case test
    }

    /// The name, upper-cased: `+CMEE`, `^SYSINFO`, `E`, `&F`, `S3`, `D`.
    public let name: String
    public let kind: Kind
    /// For `set`: the text after `=`. For a basic command: its number (`"1"` in `E1`) or, for
    /// `D`, the dial string. Otherwise empty.
    public let arguments: String
    /// The arguments split at commas, quotes respected (the same scanner the host side uses);
    /// split once here, as handlers read several fields.
    public let fields: ATFields

    public init(name: String, kind: Kind, arguments: String = "") {
        self.name = name
        self.kind = kind
        self.arguments = arguments
        self.fields = ATFields(arguments)
    }

    /// Whether this is an extended command (`+`, `^`, `$`, `#`, `%`, `*` prefixes).
    public var isExtended: Bool {
        guard let first = name.first else { return false }
        return CommandLineParser.extendedPrefixes.contains(first)
    }

    /// The number of a basic command (`E1` → 1), with V.250's default of 0 when absent;
    /// `nil` when it is not a number.
    public var basicValue: Int? {
        if arguments.isEmpty { return 0 }
        return Int(arguments)
    }

    /// The command as typed (upper-cased name), for logs and `A/`.
    public var text: String {
        switch kind {
        case .execute: name + arguments
        case .set: name + "=" + arguments
        case .read: name + "?"
        case .test: name + "=?"
        }
    }
}
