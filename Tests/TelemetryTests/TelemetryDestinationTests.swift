import ModemKitTestSupport
import Telemetry
import Testing

/// Layer 1: destination URLs, good ones with their parsed parts and display names, bad ones with
/// the part and offset their error names.
@Suite struct TelemetryDestinationTests {
    @Test(arguments: [
        ("mqtt://broker.example/meters/{id}", "mqtt://broker.example:1883/meters/{id}"),
        ("MQTT://Broker.Example:1884/a/b", "mqtt://broker.example:1884/a/b"),
        ("mqtt://meter:s3cret@10.0.0.1/m/{device}/{id}", "mqtt://meter:***@10.0.0.1:1883/m/{device}/{id}"),
        ("mqtt://meter@[::1]:8883/t", "mqtt://meter@[::1]:8883/t"),
        ("mqtt://u:p%40ss%3Aw@[2001:DB8::8:800:200C:417A]/t", "mqtt://u:***@[2001:db8::8:800:200c:417a]:1883/t"),
        ("mqtt://h:/space%20topic/{id}", "mqtt://h:1883/space%20topic/{id}"),
        ("mqtt://h/%7Bid%7D", "mqtt://h:1883/{id}"),
        ("mqtt://h/caf%C3%A9", "mqtt://h:1883/caf%C3%A9"),
        ("mqtt://h/a//b/", "mqtt://h:1883/a//b/"),
        ("mqtt://[::ffff:192.0.2.1]/t", "mqtt://[::ffff:192.0.2.1]:1883/t"),
        ("http://collector.example/ingest", "http://collector.example:80/ingest"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
        ("http://h:8080/in?site=7&x=%20", "http://h:8080/in?site=7&x=%20"),
        ("http://[fe80::1]:81/", "http://[fe80::1]:81/"),
        ("tcp://127.0.0.1:9000", "tcp://127.0.0.1:9000"),
        ("tcp://sink.example:9000/", "tcp://sink.example:9000"),
        ("udp://[::1]:5683", "udp://[::1]:5683"),
        ("udp://a-b.c-d.example.:7", "udp://a-b.c-d.example.:7"),
        ("sms:+447700900123", "sms:+447700900123"),
        ("SMS:+1-555-010-0001", "sms:+15550100001"),
        ("sms:(0)6.12345678", "sms:0612345678"),
        ("sms:12345", "sms:12345"),
    ])
    func goodURLsParseToAStableDisplayName(url: String, display: String) throws {
        let destination = try TelemetryDestination(url)
        #expect(destination.description == display)
        // The display name parses again to the same destination (except the password).
        if !display.contains("***") {
            #expect(try TelemetryDestination(display) == destination)
        }
    }

    @Test func mqttPartsAreDecoded() throws {
        guard case .mqtt(let mqtt) = try TelemetryDestination("mqtt://me%21:p%40ss:w@[::1]:1900/meters/{device}/x%2Fy/{id}") else {
            Issue.record("not mqtt")
            return
        }
        #expect(mqtt.username == "me!" && mqtt.password == "p@ss:w")
        #expect(mqtt.endpoint == TelemetryEndpoint(host: .ipv6("::1"), port: 1900))
        #expect(mqtt.endpoint.host.connectHost == "::1")
        #expect(mqtt.topic.segments == [.literal("meters/"), .device, .literal("/x/y/"), .id])
        #expect(mqtt.topic.topic(id: "0b6f", device: "gw-7") == "meters/gw-7/x/y/0b6f")
    }

    @Test func thePasswordNeverShows() throws {
        let destination = try TelemetryDestination("mqtt://meter:hunter2@broker/t")
        for text in [destination.description, destination.debugDescription, "\(destination)", String(reflecting: destination)] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        guard case .mqtt(let mqtt) = destination else { return }
        var dumped = ""
        dump(mqtt, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(mqtt.password == "hunter2")
    }

    @Test func httpTargetAndAuthority() throws {
        guard case .http(let plain) = try TelemetryDestination("http://h/in?a=1"),
              case .http(let ported) = try TelemetryDestination("http://[::1]:8080") else {
            Issue.record("not http")
            return
        }
        #expect(plain.target == "/in?a=1" && plain.authority == "h")
        #expect(ported.target == "/" && ported.authority == "[::1]:8080")
    }

    @Test(arguments: [
        ("https://example.com/in", TelemetryDestinationError.Part.scheme, 0),
        ("mqtts://broker/t", .scheme, 0),
        ("ftp://host/x", .scheme, 0),
        ("broker:1883", .scheme, 0),
        ("://x", .scheme, 0),
        ("1mqtt://x/t", .scheme, 0),
        ("mqtt:/t", .host, 5),
        ("mqtt://broker", .topic, 13),
        ("mqtt://broker/", .topic, 13),
        ("mqtt://broker:0/t", .port, 14),
        ("mqtt://broker:99999/t", .port, 14),
        ("mqtt://broker:12a/t", .port, 14),
        ("mqtt://broker/a/+/b", .topic, 16),
        ("mqtt://broker/a/#", .topic, 16),
        ("mqtt://broker/a/%23", .topic, 16),
        ("mqtt://broker/a/%2B", .topic, 16),
        ("mqtt://broker/%41%42/a+", .topic, 22),
        ("mqtt://broker/{name}", .topic, 14),
        ("mqtt://broker/a{id", .topic, 15),
        ("mqtt://broker/a}", .topic, 15),
        ("mqtt://broker/a%2", .topic, 15),
        ("mqtt://broker/a%zz", .topic, 15),
        ("mqtt://broker/%FF", .topic, 14),
        ("mqtt://broker/%00", .topic, 14),
        ("mqtt://broker/a b", .topic, 15),
        ("mqtt://broker/t?qos=1", .query, 15),
        ("mqtt://u%zz@broker/t", .userInfo, 8),
        ("mqtt://@broker:1883/t", .topic, -1),
        ("mqtt://bro_ker/t", .host, 10),
        ("mqtt://bro%6Ber/t", .host, 10),
        ("mqtt://-broker/t", .host, 7),
        ("mqtt://a..b/t", .host, 7),
        ("mqtt://256.1.1.1/t", .host, 7),
        ("mqtt://1.2.3/t", .host, 7),
        ("mqtt://01.2.3.4/t", .host, 7),
        ("mqtt://[::1/t", .host, 7),
        ("mqtt://[1:2:3:4:5:6:7:8:9]/t", .host, 7),
        ("mqtt://[1::2::3]/t", .host, 7),
        ("mqtt://[fe80::1%25eth0]/t", .host, 15),
        ("mqtt://[v1.x]/t", .host, 7),
        ("mqtt://[g::1]/t", .host, 7),
        ("mqtt://:1883/t", .host, 7),
        ("http://user:pw@h/x", .userInfo, 7),
        ("http://h/a b", .path, 10),
        ("http://h/a%", .path, 10),
        ("http://h/a\"b", .path, 10),
        ("http://h/x#frag", .fragment, 10),
        ("http://h/x?a b", .query, 12),
        ("http:///x", .host, 7),
        ("tcp://h", .port, 7),
        ("tcp://h:", .port, 8),
        ("tcp://h:9000/path", .path, 12),
        ("tcp://u@h:9000", .userInfo, 6),
        ("udp://h:9000?x", .query, 12),
        ("udp://h:70000", .port, 8),
        ("sms:+12a45", .number, 7),
        ("sms:+1", .number, 4),
        ("sms:+1234567890123456", .number, 4),
        ("sms:", .number, 4),
        ("sms:+123,+456", .number, 8),
        ("sms:+12345?body=hi", .query, 10),
        ("sms://+12345", .number, 4),
        ("sms:1+2345", .number, 5),
    ])
    func badURLsSayWhichPartIsWrong(url: String, part: TelemetryDestinationError.Part, offset: Int) {
        do {
            let destination = try TelemetryDestination(url)
            if offset >= 0 { Issue.record("\(url) parsed as \(destination)") }
        } catch {
            #expect(error.part == part, "\(url): \(error)")
            #expect(error.offset == offset, "\(url): \(error)")
        }
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: TelemetryDestinationError(.tlsNotSupported("https"), in: .scheme, at: 0)) {
            try TelemetryDestination("https://example.com")
        }
        #expect(throws: TelemetryDestinationError(.topicWildcard("+"), in: .topic, at: 16)) {
            try TelemetryDestination("mqtt://broker/a/+")
        }
        #expect(throws: TelemetryDestinationError(.invalidPort("99999"), in: .port, at: 14)) {
            try TelemetryDestination("mqtt://broker:99999/t")
        }
        let error = TelemetryDestinationError(.invalidPort("99999"), in: .port, at: 14)
        #expect(error.description == #"port: "99999" is not a port (1...65535) at offset 14"#)
        #expect(throws: TelemetryDestinationError(.unknownPlaceholder("{name}"), in: .topic, at: 14)) {
            try TelemetryDestination("mqtt://broker/{name}/x")
        }
    }

    @Test func aBadPasswordIsNotEchoedInTheError() {
        do {
            _ = try TelemetryDestination("mqtt://u:sec%ZZret@broker/t")
            Issue.record("parsed")
        } catch {
            #expect(!error.description.contains("sec"))
        }
    }

    @Test func randomTextNeverTraps() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("mqthpsudc:/@[]%{}+#?.,-_0123456789abf:: é\u{0}".unicodeScalars)
        for _ in 0..<5000 {
            var text = ["mqtt://", "http://", "tcp://", "udp://", "sms:", ""][Int(generator.next() % 6)]
            for _ in 0..<Int(generator.next() % 24) {
                text.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            _ = try? TelemetryDestination(text)
        }
    }
}
