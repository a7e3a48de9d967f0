import VirtualModem

extension ModemHarness {
    /// A booted, registered modem of `profile` with echo off and the requests so far cleared.
    static func sockets(_ profile: VirtualModemProfile, hosts: [String: String] = [:]) -> ModemHarness {
        var configuration = VirtualModemConfiguration(profile: profile)
        configuration.network.hosts = hosts
        var harness = ModemHarness(configuration)
        _ = harness.send("ATE0")
        harness.sockets.removeAll()
        return harness
    }

    /// Feeds what a real socket did and returns what the modem printed.
    mutating func event(_ event: SocketEvent) -> String {
        text(modem.handle(event, at: modem.now))
    }

    /// Data from the peer at 127.0.0.1:7000.
    mutating func receive(_ id: Int, _ text: String, host: String = "127.0.0.1", port: Int = 7000) -> String {
        event(.received(id: id, bytes: Array(text.utf8), host: host, port: port))
    }

    /// Takes the socket requests collected so far.
    mutating func takeRequests() -> [SocketRequest] {
        defer { sockets.removeAll() }
        return sockets
    }

}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
