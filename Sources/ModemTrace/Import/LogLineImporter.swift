/// One importer of another tool's log: it is fed the log's lines one at a time, in order, and
/// turns each into zero or more trace records or errors.
///
/// ``LogReader`` splits the bytes into lines (LF, CR LF or CR), numbers them from 1 and calls
/// `parse` for each; `finish` once at the end, for importers that hold a record back (a run of
/// bytes or a hex dump that continues on the next line).
///
///     var importer = TerminalCaptureParser()
///     var items: [LogLineItem] = []
///     importer.parse("AT+CSQ", number: 1, into: &items)   // tx "AT+CSQ\r" and its echo, both line 1
protocol LogLineImporter: Sendable {
    /// What the import knows about the session: the tool and, when the log names it, the port.
    var header: TraceHeader { get }
    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem])
    mutating func finish(into items: inout [LogLineItem])
}

extension LogLineImporter {
    mutating func finish(into items: inout [LogLineItem]) {}
}

/// A record or error and the log line it comes from.
struct LogLineItem: Sendable, Hashable {
    var item: TraceReader.Item
    var line: Int

    static func record(_ record: TraceRecord, line: Int) -> LogLineItem { LogLineItem(item: .record(record), line: line) }

    /// A line that cannot be turned into a record, with why; the line's text is kept (escaped, cut at 200 bytes).
    static func unplaceable(_ line: Substring, number: Int, _ reason: String) -> LogLineItem {
        let error = TraceReadError(line: number, kind: .unplaceable(reason), text: TraceEscaping.escape(Array(line.utf8.prefix(200))))
        return LogLineItem(item: .error(error), line: number)
    }
}
