import Testing
import Telemetry

@Suite struct TelemetryEnvelopeTests {
    let reading = TelemetryReading(id: "0b6f3c1e-8a51-4a47-9d43-3d8f0f2c9e10", enqueuedAt: 1_764_112_345_123, sequence: 7, payload: Array(#"{"t":21.5}"#.utf8))

    @Test func oneReadingCarriesItsIDAndTime() {
        #expect(String(decoding: TelemetryEnvelope.json(reading), as: UTF8.self)
            == #"{"id":"0b6f3c1e-8a51-4a47-9d43-3d8f0f2c9e10","ts":1764112345123,"data":{"t":21.5}}"#)
    }

    @Test func aBatchIsAnArrayInOrder() {
        var second = reading
        second.id = "b"
        second.payload = Array("3".utf8)
        let text = String(decoding: TelemetryEnvelope.jsonArray([reading, second]), as: UTF8.self)
        #expect(text == #"[{"id":"0b6f3c1e-8a51-4a47-9d43-3d8f0f2c9e10","ts":1764112345123,"data":{"t":21.5}},{"id":"b","ts":1764112345123,"data":3}]"#)
        #expect(String(decoding: TelemetryEnvelope.jsonArray([]), as: UTF8.self) == "[]")
    }
}
