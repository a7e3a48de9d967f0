/// A value given to a typed command that the command cannot take, refused before any text is
/// built: a PIN that is not 4 to 8 digits, a PUK that is not 8 digits.
///
/// Complements ``ATEncodingError`` (which is about characters that would break the line): this
/// one is about values the command's definition rules out. The value itself is not kept, since
/// it is often a secret.
public struct ATArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command name: `+CPIN`.
    public var command: String
    /// The parameter's name as the manual spells it: `pin`, `puk`, `newpin`.
    public var parameter: String
    /// What the value must be.
    public var reason: String

    public init(command: String, parameter: String, reason: String) {
        self.command = command
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(command): <\(parameter)> \(reason)" }
}
