import Foundation
import ModemTrace

/// The sample logs of other tools in Fixtures/logs/, and the format each is in.
enum LogFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs")

    static let formats: [(name: String, format: LogFormat)] = [
        ("modemmanager-journal.log", .modemManager),
        ("terminal-echo.log", .terminalCapture),
        ("tinygsm-streamdebugger.log", .tinyGSM),
        ("python-gsmmodem.log", .pythonGSMModem),
        ("gammu-textalldate.log", .gammu),
        ("interceptty.log", .interceptty),
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// A whole log read with a LogReader: its records with their lines, and its errors.
struct ImportedLog {
    var records: [(line: Int, record: TraceRecord)] = []
    var errors: [TraceReadError] = []

    var texts: [String] { records.map { String(decoding: $0.record.bytes, as: UTF8.self) } }
    var directions: [TraceDirection?] { records.map(\.record.direction) }
}

/// Reads `bytes` as `format`, appended `chunk` bytes at a time.
func importLog(_ bytes: some Collection<UInt8>, as format: LogFormat, chunk: Int = .max) -> ImportedLog {
    var reader = LogReader(format: format)
    var log = ImportedLog()
    func drain() {
        while let item = reader.next() {
            switch item {
            case .record(let record): log.records.append((reader.lineNumber, record))
            case .error(let error): log.errors.append(error)
            }
        }
    }
    var rest = Array(bytes)[...]
    while !rest.isEmpty {
        reader.append(rest.prefix(chunk))
        rest = rest.dropFirst(chunk)
        drain()
    }
    reader.finish()
    drain()
    return log
}

func importLog(_ text: String, as format: LogFormat, chunk: Int = .max) -> ImportedLog {
    importLog(Array(text.utf8), as: format, chunk: chunk)
}
