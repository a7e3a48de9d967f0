import Foundation
import Testing

/// `modemkit replay report` run as a process, and its page opened in a real headless browser
/// (Debian's chromium) that takes a screenshot.
@Suite struct CLIReplayReportTests {
    static let trace = CLIReplayTests.traces.appendingPathComponent("field/report-timeline.trace").path

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modemkit-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesOneSelfContainedPage() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let result = try await ModemkitProcess.run(["replay", "report", Self.trace, "-o", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("id=\"signal-path\""))
        #expect(html.contains("&lt;script&gt;alert"))
        #expect(!html.contains("<script"))
    }

    @Test func undecodableLinesExitOneButThePageIsWritten() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = folder.appendingPathComponent("broken.trace")
        try "#modemkit-trace v1\n0.1 tx AT+CSQ\\r\nnot a record\n0.2 rx \\r\\n+CSQ: 5,99\\r\\n\\r\\nOK\\r\\n\n"
            .write(to: trace, atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("report.html")
        let result = try await ModemkitProcess.run(["replay", "report", trace.path, "-o", page.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 3: invalid time 'not'"))
        #expect(FileManager.default.fileExists(atPath: page.path))
    }

    @Test func missingOutputIsAUsageError() async throws {
        let result = try await ModemkitProcess.run(["replay", "report", Self.trace])
        #expect(result.status == 2)
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium); the page is not checked in a browser"))
    func chromiumRendersTheReport() async throws {
        let chromium = try #require(Chromium.path)
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let written = try await ModemkitProcess.run(["replay", "report", Self.trace, "-o", page.path])
        #expect(written.status == 0, "\(written.stderr)")

        let png = folder.appendingPathComponent("report.png")
        let status = try await Chromium.screenshot(chromium, page: page, png: png, profile: folder.appendingPathComponent("profile"))
        #expect(status == 0, "chromium exited with \(status) (124: timed out)")
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        // A blank 1400×1000 PNG compresses to a few KB; the drawn timeline and table are far larger.
        #expect(size > 20_000, "screenshot is \(size) bytes")
        let header = try Data(contentsOf: png).prefix(8)
        #expect(Array(header) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}

/// On a developer machine the browser test skips when chromium is missing; CI sets
/// MODEMKIT_REQUIRE_CLIENTS=1 so that a missing browser fails the run instead.
@Test("chromium is installed where CI requires it")
func chromiumInstalledWhenRequired() {
    guard ProcessInfo.processInfo.environment["MODEMKIT_REQUIRE_CLIENTS"] == "1" else { return }
    #expect(Chromium.path != nil, "chromium missing: apt-get install chromium")
}

/// Debian's chromium, run headless under `timeout` so that a hung browser cannot hang the tests.
enum Chromium {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Takes a 1400×1000 screenshot of `page`; returns the exit status (124 when it timed out).
    static func screenshot(_ chromium: String, page: URL, png: URL, profile: URL, seconds: Int = 60) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "--kill-after=5", "\(seconds)", chromium,
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(profile.path)",
            "--screenshot=\(png.path)", "--window-size=1400,1000",
            page.absoluteString,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in
            exited.continuation.yield()
            exited.continuation.finish()
        }
        try process.run()
        for await _ in exited.stream {}
        return process.terminationStatus
    }
}
