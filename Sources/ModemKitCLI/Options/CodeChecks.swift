import ArgumentParser

/// Checks shared by the commands that take a SIM code or a wait, done in `validate()` so a bad
/// value is a usage error before anything is opened.
enum CodeChecks {
    /// `--pin`: 4 to 8 ASCII digits.
    static func pin(_ pin: String?, option: String = "--pin") throws {
        guard let pin else { return }
        guard (4...8).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError("\(option) must be 4 to 8 digits.")
        }
    }

    /// `--puk`: 8 ASCII digits, with a new PIN beside it.
    static func puk(_ puk: String?, newPIN: String?) throws {
        guard let puk else { return }
        guard puk.count == 8, puk.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw ValidationError("--puk must be 8 digits.") }
        guard newPIN != nil else { throw ValidationError("--puk needs --pin, the new PIN.") }
    }

    /// A number of seconds in `0 < value <= limit`.
    static func seconds(_ value: Double, option: String, limit: Double = 3600) throws {
        guard value > 0, value <= limit else { throw ValidationError("\(option) must be between 0 and \(Int(limit)) seconds.") }
    }
}
