import Foundation
import ModemReplay
import ModemTrace
import Testing

/// The HTML report rendered from the committed `report-timeline.trace`.
@Suite struct TraceReportTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces/field/report-timeline.trace")

    static func report(limits: TraceReport.Limits = .init()) throws -> TraceReport {
        let text = try String(contentsOf: fixture, encoding: .utf8)
        var stream = TraceDecodeStream()
        var report = TraceReport(limits: limits)
        // Small chunks, as a file is read: the report is built event by event.
        for chunk in Array(text.utf8).chunked(by: 97) {
            stream.append(chunk)
            while let event = stream.next() { report.add(event) }
        }
        stream.finish()
        while let event = stream.next() { report.add(event) }
        return report
    }

    @Test func hostileTraceTextIsEscaped() throws {
        let html = try Self.report().html(title: "<b>x</b>.trace")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;.trace"))
        #expect(!html.contains("<b>x</b>"))
    }

    @Test func escapeCoversTextAndAttributes() {
        #expect(TraceReport.escape("a&b<c>\"d\"'e'") == "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;")
        #expect(TraceReport.escape("bell\u{07}") == "bell\u{FFFD}")
    }

    @Test func pageIsSelfContained() throws {
        let html = try Self.report().html(title: "t")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // The only URL is the SVG namespace, which is a name, not a fetch.
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http:"))
        #expect(!withoutNamespace.contains("https:"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
    }

    @Test func signalIsPlottedAndUnknownReadingsBreakTheLine() throws {
        let report = try Self.report()
        #expect(report.signal.map(\.rssi) == [21, 12, nil, 17])
        let html = report.html(title: "t")
        let path = try #require(html.firstMatch(of: /<path id="signal-path" d="([^"]*)"/)?.1)
        // 21 → 12 is one stroke; after the unknown reading the pen lifts (a second M).
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.filter { $0 == "L" }.count == 1)
        #expect(html.contains("rssi unknown at 10.010000"))
    }

    @Test func registrationBandHasAStatePerChangeWithItsAccessTechnology() throws {
        let report = try Self.report()
        #expect(report.registrations.map(\.status) == [.home, .searching, .roaming])
        let html = report.html(title: "t")
        #expect(html.contains("home, E-UTRAN at 0.010000 (line 10)"))
        #expect(html.contains("roaming, E-UTRAN at 15.000000 (line 38)"))
        #expect(html.contains("fill=\"#ffb300\""))   // searching
    }

    @Test func markersCoverErrorsRebootsSMSDataAndSockets() throws {
        let report = try Self.report()
        let kinds = Dictionary(grouping: report.markers, by: \.kind).mapValues { $0.map(\.line) }
        #expect(kinds[.error] == [34])
        #expect(kinds[.reboot] == [36, 37])
        #expect(kinds[.smsReceived] == [26])
        #expect(kinds[.smsSent] == [27])
        #expect(kinds[.data] == [14])
        #expect(kinds[.socket] == [16, 17, 18, 22])
    }

    @Test func everyMarkerLinksToARowAnchor() throws {
        let report = try Self.report()
        let html = report.html(title: "t")
        let anchors = Set(html.matches(of: /<tr id="L(\d+)"/).map { Int($0.1)! })
        let links = html.matches(of: /<a href="#L(\d+)">/).map { Int($0.1)! }
        #expect(links.count >= report.markers.count)
        for link in links { #expect(anchors.contains(link), "no row for #L\(link)") }
        #expect(html.contains("<tr id=\"L34\" class=\"transaction failed\">"))
        // Each row leads back to the timeline.
        #expect(html.contains("<h2 id=\"timeline\">"))
        #expect(html.matches(of: /<td><a href="#timeline"/).count == report.rows.count)
    }

    @Test func tableIsCappedAndThePageSaysSo() throws {
        let report = try Self.report(limits: .init(rows: 5))
        #expect(report.rows.count == 5)
        #expect(report.droppedRows > 0)
        #expect(report.transactionCount == 10)
        let html = report.html(title: "t")
        #expect(html.contains("The table shows the first 5 rows; \(report.droppedRows) more were left out."))
        // Markers past the last row are drawn but not linked.
        let links = html.matches(of: /<a href="#L(\d+)">/).map { Int($0.1)! }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { report.rowLines.contains($0) })
        #expect(report.markers.contains { !report.rowLines.contains($0.line) })
    }

    @Test func signalIsThinnedOverTheWholeTraceWhenThereAreTooManyReadings() {
        var text = "#modemkit-trace v1\n"
        for index in 0..<100 {
            text += "\(index).000000 tx AT+CSQ\\r\n\(index).010000 rx \\r\\n+CSQ: \(index % 32),99\\r\\n\\r\\nOK\\r\\n\n"
        }
        var stream = TraceDecodeStream()
        stream.append(Array(text.utf8))
        stream.finish()
        var report = TraceReport(limits: .init(points: 10))
        while let event = stream.next() { report.add(event) }
        #expect(report.signalReadings == 100)
        #expect(report.signal.count <= 10)
        #expect(report.signalStride == 16)
        // Evenly spread from the start to the end, not the first ten.
        #expect(report.signal.map { $0.time.microseconds / 1_000_000 } == [0, 16, 32, 48, 64, 80, 96])
        #expect(report.html(title: "t").contains("one in every 16 of the 100 readings"))
    }

    @Test func repeatedRegistrationReadsDoNotStartNewSegments() {
        var stream = TraceDecodeStream()
        stream.append(Array("#modemkit-trace v1\n1.0 rx \\r\\n+CEREG: 1\\r\\n\n2.0 rx \\r\\n+CEREG: 1\\r\\n\n3.0 rx \\r\\n+CEREG: 2\\r\\n\n".utf8))
        stream.finish()
        var report = TraceReport()
        while let event = stream.next() { report.add(event) }
        #expect(report.registrations.map(\.status) == [.home, .searching])

        // With room for one change, the band stops where the left-out change happened.
        var capped = TraceReport(limits: .init(points: 1))
        var again = TraceDecodeStream()
        again.append(Array("#modemkit-trace v1\n1.0 rx \\r\\n+CEREG: 1\\r\\n\n3.0 rx \\r\\n+CEREG: 2\\r\\n\n9.0 ev close\n".utf8))
        again.finish()
        while let event = again.next() { capped.add(event) }
        #expect(capped.registrations.map(\.status) == [.home])
        #expect(capped.registrationCutoff[.eps] == TraceTime(microseconds: 3_000_000))
        #expect(capped.droppedPoints == 1)
    }

    @Test func undecodableLinesAreMarkedAsErrors() {
        var stream = TraceDecodeStream()
        stream.append(Array("#modemkit-trace v1\n0.1 tx AT\\r\nnot a record\n0.2 rx \\r\\nOK\\r\\n\n".utf8))
        stream.finish()
        var report = TraceReport()
        while let event = stream.next() { report.add(event) }
        #expect(report.problemCount == 1)
        #expect(report.markers.contains { $0.kind == .error && $0.line == 3 })
        #expect(report.html(title: "t").contains("1 lines not decoded"))
    }
}

extension Array {
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
