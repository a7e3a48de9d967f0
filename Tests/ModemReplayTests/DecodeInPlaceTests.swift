import Foundation
import ModemKitTestSupport
import ModemTrace
import Testing
@testable import ModemReplay

/// ``TraceDecodeStream/forEachReady(_:)`` hands events from the decoder straight to its closure
/// (no output array): what it gives, and what is printed from it, is what ``TraceDecodeStream/next()``
/// gives, on every fixture trace and imported log, however the input is cut.
@Suite struct DecodeInPlaceTests {
    static let files: [URL] = {
        let root = TraceFixtures.directory.deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["traces", "traces/field", "traces/data", "logs"] {
            let directory = root.appendingPathComponent(folder)
            files += (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        }
        return files.filter { !$0.hasDirectoryPath }.sorted { $0.path < $1.path }
    }()

    /// The events `next()` returns for the whole file at once.
    static func eventsByNext(_ bytes: [UInt8]) -> [DecodedEvent] {
        var stream = TraceDecodeStream(format: LogFormat.detect(bytes) ?? .modemKitTrace)
        stream.append(bytes)
        stream.finish()
        var events: [DecodedEvent] = []
        while let event = stream.next() { events.append(event) }
        return events
    }

    /// Text and JSON Lines as `replay decode` prints them, from each event in turn.
    static func printed(_ events: [DecodedEvent]) -> (text: [UInt8], json: [UInt8]) {
        var text = TextBuffer()
        var json = TextBuffer()
        for event in events { print(event, text: &text, json: &json) }
        return (text.bytes, json.bytes)
    }

    static func print(_ event: DecodedEvent, text: inout TextBuffer, json: inout TextBuffer) {
        event.writeText(into: &text)
        event.writeJSON(into: &json)
        json.append(UInt8(ascii: "\n"))
    }

    @Test func everyFixtureIsThere() {
        #expect(Self.files.count >= 14)
    }

    /// Takes every ready event with `forEachReady(_:)`, or, `split`, with
    /// `forEachReady(transaction:other:)` (transactions printed as the CLI prints them).
    static func drain(_ stream: inout TraceDecodeStream, split: Bool, into events: inout [DecodedEvent],
                      text: inout TextBuffer, json: inout TextBuffer) {
        guard split else {
            stream.forEachReady { event in
                events.append(event)
                Self.print(event, text: &text, json: &json)
            }
            return
        }
        stream.forEachReady(transaction: { transaction in
            events.append(.transaction(transaction))
            transaction.writeText(into: &text)
            transaction.writeJSON(into: &json)
            json.append(UInt8(ascii: "\n"))
        }, other: { event in
            events.append(event)
            Self.print(event, text: &text, json: &json)
        })
    }

    @Test(arguments: DecodeInPlaceTests.files.map(\.lastPathComponent), [false, true])
    func eventsHandedInPlaceAreTheEventsNextReturnsInAnyChunking(name: String, split: Bool) throws {
        let file = try #require(Self.files.first { $0.lastPathComponent == name })
        let bytes = Array(try Data(contentsOf: file))
        let expected = Self.eventsByNext(bytes)
        let expectedPrinted = Self.printed(expected)
        #expect(!expected.isEmpty)
        var generator = SeededGenerator(seed: 41)
        for round in 0..<4 {
            var stream = TraceDecodeStream(format: LogFormat.detect(bytes) ?? .modemKitTrace)
            var events: [DecodedEvent] = []
            var text = TextBuffer(capacity: 64)
            var json = TextBuffer(capacity: 64)
            var rest = bytes[...]
            while !rest.isEmpty {
                // Whole, byte by byte for a while, then random cuts.
                let count = round == 0 ? rest.count : round == 1 && rest.count > bytes.count - 64 ? 1 : Int.random(in: 1...300, using: &generator)
                stream.append(rest.prefix(count))
                rest = rest.dropFirst(count)
                // Now and then one event by next(), so that forEachReady starts with events already decoded.
                if round == 3, Bool.random(using: &generator), let event = stream.next() {
                    events.append(event)
                    Self.print(event, text: &text, json: &json)
                }
                Self.drain(&stream, split: split, into: &events, text: &text, json: &json)
            }
            stream.finish()
            Self.drain(&stream, split: split, into: &events, text: &text, json: &json)
            #expect(stream.next() == nil)
            #expect(events == expected, "\(name) round \(round)")
            #expect(text.bytes == expectedPrinted.text, "\(name) round \(round)")
            #expect(json.bytes == expectedPrinted.json, "\(name) round \(round)")
        }
    }
}
