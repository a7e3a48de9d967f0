import ArgumentParser

/// The exit codes of every `modemkit` subcommand (documented in docs/cli.md).
public enum CLIExit {
    /// Everything asked for was done and the modem answered as hoped.
    public static let success: Int32 = 0
    /// The modem answered with an error (`ERROR`, `+CME ERROR`, `+CMS ERROR`).
    public static let modemError: Int32 = 1
    /// The command line was wrong: an unknown option, a missing value, or an AT command that
    /// cannot be sent safely. Nothing was written to the modem.
    public static let usage: Int32 = 2
    /// The modem did not answer in time.
    public static let noAnswer: Int32 = 3
    /// The device or address could not be opened, or the connection closed.
    public static let transport: Int32 = 4
}

/// A failure that ends a subcommand with a message on stderr and one of the ``CLIExit`` codes.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}
