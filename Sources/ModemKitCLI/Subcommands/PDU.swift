import ArgumentParser
import Foundation
import SMSPDU

extension ModemKitCommand {
    /// `modemkit pdu decode|encode`: the SMS PDU codec, no modem needed.
    struct PDU: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdu",
            abstract: "Decode or encode SMS PDUs (TS 23.040), without a modem.",
            subcommands: [PDUDecode.self, PDUEncode.self]
        )
    }

    /// Words read from stdin when no argument is given: whitespace-separated.
    static func standardInputWords() -> [String] {
        standardInputText().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// All of stdin as UTF-8 text.
    static func standardInputText() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
