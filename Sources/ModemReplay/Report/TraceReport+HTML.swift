import ATCodec
import ModemTrace

extension TraceReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no script, no network.
    /// Every text from the trace is escaped. Each timeline marker links to its row (`#L<line>`).
    public func html(title: String) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>ModemKit report: \(Self.escape(title))</title>
            <style>\(Self.css)</style></head><body>
            <h1>ModemKit trace report: \(Self.escape(title))</h1>

            """
        page += summary()
        page += timeline()
        page += table()
        page += "</body></html>\n"
        return page
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if character.value < 0x20, character != "\n", character != "\t" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(character)
                }
            }
        }
        return out
    }

    static let css = """
        body{font:14px system-ui,sans-serif;margin:16px;color:#222}
        h1{font-size:20px}
        .summary span{margin-right:18px}
        svg{border:1px solid #ccc;background:#fff}
        svg text{font:11px sans-serif;fill:#333}
        .legend span{display:inline-block;margin-right:12px}
        .sw{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px}
        table{border-collapse:collapse;margin-top:12px;font:12px monospace}
        td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top}
        tr.failed td{background:#fde8e8}
        tr:target td{background:#fff3a0}
        .details{color:#666;white-space:pre-wrap}
        .note{color:#a40}
        """

    /// Colour of a registration status.
    static func colour(_ status: Registration.Status) -> String {
        switch status {
        case .home, .smsOnlyHome, .csfbNotPreferredHome: "#4caf50"
        case .roaming, .smsOnlyRoaming, .csfbNotPreferredRoaming: "#26a69a"
        case .searching: "#ffb300"
        case .denied: "#e53935"
        case .notRegistered: "#9e9e9e"
        case .emergencyOnly: "#8e24aa"
        case .unknown, .other: "#cfd8dc"
        }
    }

    static func colour(_ kind: Marker.Kind) -> String {
        switch kind {
        case .error: "#d32f2f"
        case .reboot: "#000000"
        case .smsSent: "#1e88e5"
        case .smsReceived: "#00acc1"
        case .data: "#6d4c41"
        case .socket: "#fb8c00"
        }
    }

    static func name(_ kind: Marker.Kind) -> String {
        switch kind {
        case .error: "error"
        case .reboot: "reboot"
        case .smsSent: "SMS sent"
        case .smsReceived: "SMS received"
        case .data: "data session"
        case .socket: "socket"
        }
    }

    private func summary() -> String {
        let duration = Double((end?.microseconds ?? 0) - (start?.microseconds ?? 0)) / 1_000_000
        var text = "<p class=\"summary\"><span>\(transactionCount) transactions</span><span>\(errorCount) failed</span>"
        text += "<span>\(problemCount) lines not decoded</span><span>\(Self.format(duration)) s</span></p>\n"
        if droppedRows > 0 {
            text += "<p class=\"note\">The table shows the first \(rows.count) rows; \(droppedRows) more were left out.</p>\n"
        }
        if droppedMarkers > 0 || droppedPoints > 0 {
            text += "<p class=\"note\">The timeline shows the first \(markers.count) markers and \(registrations.count) registration changes; "
            text += "\(droppedMarkers) markers and \(droppedPoints) registration changes were left out.</p>\n"
        }
        if signalStride > 1 {
            text += "<p class=\"note\">The signal plot shows one in every \(signalStride) of the \(signalReadings) readings.</p>\n"
        }
        return text
    }

    // Geometry of the timeline.
    private static let width = 1200.0
    private static let left = 90.0
    private static let right = 20.0
    private static let bandHeight = 22.0
    private static let signalHeight = 140.0
    private static let markerRow = 18.0

    private func x(_ time: TraceTime) -> Double {
        let first = Double(start?.microseconds ?? 0)
        let span = max(Double(end?.microseconds ?? 0) - first, 1)
        return Self.left + (Double(time.microseconds) - first) / span * (Self.width - Self.left - Self.right)
    }

    private func timeline() -> String {
        let domains = Registration.Domain.allCases.filter { domain in registrations.contains { $0.domain == domain } }
        var y = 24.0
        var body = ""
        let first = Double(start?.microseconds ?? 0) / 1_000_000
        let last = Double(end?.microseconds ?? 0) / 1_000_000
        // Registration bands, one per domain seen.
        for domain in domains {
            let points = registrations.filter { $0.domain == domain }
            body += "<text x=\"4\" y=\"\(Self.format(y + 15))\">\(Self.escape(domain.name))</text>"
            for (index, point) in points.enumerated() {
                let x0 = x(point.time)
                let x1 = index + 1 < points.count ? x(points[index + 1].time) : x(registrationCutoff[domain] ?? end ?? point.time)
                let w = max(x1 - x0, 1)
                let status = RegistrationObservation.name(point.status)
                let rat = point.accessTechnology.map { "\($0)" } ?? ""
                let tip = "\(status)\(rat.isEmpty ? "" : ", " + rat) at \(point.time) (line \(point.line))"
                body += linkOpen(point.line) + "<rect class=\"reg\" x=\"\(Self.format(x0))\" y=\"\(Self.format(y))\" width=\"\(Self.format(w))\" "
                body += "height=\"\(Self.format(Self.bandHeight))\" fill=\"\(Self.colour(point.status))\"><title>\(Self.escape(tip))</title></rect>"
                let label = rat.isEmpty ? status : "\(status) · \(rat)"
                if w > Double(label.count) * 6.5 + 6 {
                    body += "<text x=\"\(Self.format(x0 + 3))\" y=\"\(Self.format(y + 15))\">\(Self.escape(label))</text>"
                }
                body += linkClose(point.line) + "\n"
            }
            y += Self.bandHeight + 6
        }
        // Signal plot: rssi 0...31; unknown readings break the line and show as a cross.
        let top = y + 4
        body += "<text x=\"4\" y=\"\(Self.format(top + 12))\">signal (rssi)</text>"
        body += "<rect x=\"\(Self.format(Self.left))\" y=\"\(Self.format(top))\" width=\"\(Self.format(Self.width - Self.left - Self.right))\" "
        body += "height=\"\(Self.format(Self.signalHeight))\" fill=\"none\" stroke=\"#ddd\"/>"
        for value in [0, 10, 20, 31] {
            let vy = top + Self.signalHeight * (1 - Double(value) / 31)
            body += "<text x=\"\(Self.format(Self.left - 4))\" y=\"\(Self.format(vy + 4))\" text-anchor=\"end\">\(value)</text>"
        }
        var path = ""
        var penDown = false
        var unknown = ""
        for point in signal {
            let px = x(point.time)
            guard let rssi = point.rssi else {
                penDown = false
                let uy = top + Self.signalHeight - 4
                unknown += linkOpen(point.line) + "<path d=\"M\(Self.format(px - 4)) \(Self.format(uy - 4))l8 8m0 -8l-8 8\" stroke=\"#d32f2f\">"
                unknown += "<title>rssi unknown at \(point.time)</title></path>" + linkClose(point.line)
                continue
            }
            let py = top + Self.signalHeight * (1 - Double(min(max(rssi, 0), 31)) / 31)
            path += "\(penDown ? "L" : "M")\(Self.format(px)) \(Self.format(py)) "
            penDown = true
        }
        if !path.isEmpty {
            body += "<path id=\"signal-path\" d=\"\(path)\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>"
        }
        for point in signal {
            guard let rssi = point.rssi else { continue }
            let py = top + Self.signalHeight * (1 - Double(min(max(rssi, 0), 31)) / 31)
            body += linkOpen(point.line) + "<circle cx=\"\(Self.format(x(point.time)))\" cy=\"\(Self.format(py))\" r=\"3\" fill=\"#1565c0\">"
            body += "<title>rssi \(rssi) at \(point.time)</title></circle>" + linkClose(point.line)
        }
        body += unknown + "\n"
        y = top + Self.signalHeight + 10
        // One row of markers per kind.
        for kind in Marker.Kind.allCases {
            body += "<text x=\"4\" y=\"\(Self.format(y + 12))\">\(Self.name(kind))</text>"
            for marker in markers where marker.kind == kind {
                let mx = x(marker.time)
                // A data-mode session spans its duration; other markers are 6 px wide.
                let width = marker.end.map { max(6, x($0) - mx + 3) } ?? 6
                let shape = "<rect class=\"marker \(kind.rawValue)\" x=\"\(Self.format(mx - 3))\" y=\"\(Self.format(y + 2))\" width=\"\(Self.format(width))\" height=\"12\" "
                    + "fill=\"\(Self.colour(kind))\"><title>\(Self.escape("\(marker.label) at \(marker.time) (line \(marker.line))"))</title></rect>"
                body += linkOpen(marker.line) + shape + linkClose(marker.line)
            }
            body += "\n"
            y += Self.markerRow
        }
        let height = y + 6
        // The time axis: ticks at the top, grid lines behind everything.
        var axis = ""
        for tick in 0...10 {
            let seconds = first + (last - first) * Double(tick) / 10
            let tx = Self.format(x(TraceTime(microseconds: Int64((seconds * 1_000_000).rounded()))))
            axis += "<line x1=\"\(tx)\" y1=\"14\" x2=\"\(tx)\" y2=\"\(Self.format(height))\" stroke=\"#eee\"/>"
            axis += "<text x=\"\(tx)\" y=\"11\" text-anchor=\"middle\">\(Self.format(seconds)) s</text>\n"
        }
        body = "<g id=\"time-axis\">\(axis)</g>\n" + body
        var legend = "<p class=\"legend\">"
        for status: Registration.Status in [.home, .roaming, .searching, .denied, .notRegistered, .unknown] {
            legend += "<span><i class=\"sw\" style=\"background:\(Self.colour(status))\"></i>\(Self.escape(RegistrationObservation.name(status)))</span>"
        }
        legend += "</p>\n"
        return "<h2 id=\"timeline\">Timeline</h2>\n\(legend)<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.format(Self.width))\" height=\"\(Self.format(height))\" "
            + "viewBox=\"0 0 \(Self.format(Self.width)) \(Self.format(height))\">\n\(body)</svg>\n"
    }

    /// A link to the row of a trace line, when the table has one (it is capped).
    private func linkOpen(_ line: Int) -> String {
        rowLines.contains(line) ? "<a href=\"#L\(line)\">" : ""
    }

    private func linkClose(_ line: Int) -> String {
        rowLines.contains(line) ? "</a>" : ""
    }

    private func table() -> String {
        var text = "<h2>Transactions</h2>\n<table><thead><tr><th>time (s)</th><th>line</th><th>command / line</th><th>result</th><th>ms</th></tr></thead><tbody>\n"
        for row in rows {
            text += "<tr id=\"L\(row.line)\" class=\"\(row.kind.rawValue)\(row.failed ? " failed" : "")\"><td><a href=\"#timeline\" title=\"back to the timeline\">\(row.time)</a></td><td>\(row.line)</td>"
            text += "<td>\(Self.escape(row.text))"
            if !row.details.isEmpty {
                text += "<div class=\"details\">\(Self.escape(row.details.joined(separator: "\n")))</div>"
            }
            text += "</td><td>\(Self.escape(row.result))</td><td>\(row.milliseconds.map { Self.format($0) } ?? "")</td></tr>\n"
        }
        text += "</tbody></table>\n"
        if droppedRows > 0 {
            text += "<p class=\"note\">\(droppedRows) more rows are not shown (the table is capped at \(limits.rows)).</p>\n"
        }
        return text
    }

    /// A number with at most three decimals, without a trailing `.000`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 1000).rounded()
        let whole = Int64(scaled / 1000)
        let fraction = Int64(abs(scaled.truncatingRemainder(dividingBy: 1000)))
        if fraction == 0 { return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(digits)"
    }
}
