// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ModemKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ModemKit", targets: ["ModemKit"]),
        .library(name: "ATCodec", targets: ["ATCodec"]),
        .library(name: "ModemCore", targets: ["ModemCore"]),
        .library(name: "ModemDialects", targets: ["ModemDialects"]),
        .library(name: "ModemTrace", targets: ["ModemTrace"]),
        .library(name: "SMSPDU", targets: ["SMSPDU"]),
        .library(name: "ModemReplay", targets: ["ModemReplay"]),
        .library(name: "ModemTransport", targets: ["ModemTransport"]),
        .library(name: "VirtualModem", targets: ["VirtualModem"]),
        .library(name: "VirtualModemHost", targets: ["VirtualModemHost"]),
        .library(name: "ModemKitTestSupport", targets: ["ModemKitTestSupport"]),
        .library(name: "Telemetry", targets: ["Telemetry"]),
        .library(name: "ModemTelemetry", targets: ["ModemTelemetry"]),
        .library(name: "ModemKitCLI", targets: ["ModemKitCLI"]),
        .executable(name: "modemkit", targets: ["modemkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // PURE: framer, classifier, result codes, error tables, command encoding, 27.007 commands.
        .target(name: "ATCodec"),
        // PURE: SMS PDUs (TS 23.040), alphabets and shift tables (TS 23.038), segmentation, reassembly.
        .target(name: "SMSPDU"),
        // PURE: trace format (read/write), no I/O.
        .target(name: "ModemTrace"),
        // PURE: traces decoded into transactions, URCs and observations; the replay state machine.
        .target(name: "ModemReplay", dependencies: ["ATCodec", "ModemDialects", "ModemTrace", "SMSPDU"]),
        // PURE: command-queue state machine, ByteTransport and Dialect protocols.
        .target(
            name: "ModemCore",
            dependencies: ["ATCodec", .product(name: "DequeModule", package: "swift-collections")]
        ),
        // PURE: per-vendor finals, URCs and quirks.
        .target(name: "ModemDialects", dependencies: ["ATCodec", "ModemCore"]),
        .systemLibrary(
            name: "CLibSerialPort",
            pkgConfig: "libserialport",
            providers: [.apt(["libserialport-dev"])]
        ),
        // I/O: serial (libserialport + termios), pty, TCP, in-memory pair, recording wrapper, replay player.
        .target(name: "ModemTransport", dependencies: ["ATCodec", "ModemCore", "ModemTrace", "ModemReplay", "CLibSerialPort"]),
        // EFFECTS: the ATClient actor and the services over it.
        .target(
            name: "ModemKit",
            dependencies: [
                "ATCodec", "ModemCore", "ModemDialects", "SMSPDU",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // PURE: the virtual modem's behaviour: V.250 line handling, SIM, network, PDP, PSM, SMS,
        // sockets per vendor dialect, faults and scenarios. Time and sockets enter as events.
        .target(name: "VirtualModem", dependencies: ["ATCodec", "SMSPDU"]),
        // I/O: runs virtual modems on a transport (pty, TCP, memory), bridges their sockets to
        // real loopback sockets, serves the control interface and fleets (whose modems can speak
        // MQTT with the pure Telemetry codec).
        .target(
            name: "VirtualModemHost",
            dependencies: [
                "VirtualModem", "ATCodec", "ModemCore", "ModemTransport", "Telemetry",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // PURE: readings and their envelopes, destinations, MQTT 3.1.1 and HTTP/1.1 codecs and the
        // MQTT session state machine, SMS fallback text, retry policy. No I/O, no clock.
        .target(
            name: "Telemetry",
            dependencies: ["SMSPDU", .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        // EFFECTS: the outbox (SQLite through GRDB), the MQTT/HTTP/TCP/UDP/SMS senders over a
        // modem socket (or a host socket), and the agent that drains the outbox.
        .target(
            name: "ModemTelemetry",
            dependencies: [
                "Telemetry", "ModemKit", "ModemDialects", "ATCodec", "SMSPDU",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The C baseline of the outbox benchmark (`modemkit outbox-stress --bench`): plain
        // libsqlite3 inserts with the outbox's pragmas.
        .target(name: "COutboxBaseline", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "ModemKitTestSupport",
            dependencies: [
                "ATCodec", "ModemCore", "ModemKit", "ModemTransport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ModemKitCLI",
            dependencies: [
                "ModemKit", "ModemTransport", "ModemTrace", "ModemDialects", "SMSPDU", "ModemReplay",
                "VirtualModem", "VirtualModemHost", "Telemetry", "ModemTelemetry", "COutboxBaseline",
                .product(name: "Yams", package: "Yams"),
                // The loopback receivers of `modemkit telemetry bench` (TCP, UDP, HTTP).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "modemkit", dependencies: ["ModemKitCLI"]),

        .testTarget(name: "ATCodecTests", dependencies: ["ATCodec", "ModemKitTestSupport"]),
        .testTarget(name: "VirtualModemTests", dependencies: ["VirtualModem", "ATCodec", "SMSPDU", "ModemKitTestSupport"]),
        .testTarget(
            name: "VirtualModemHostTests",
            dependencies: ["VirtualModemHost", "VirtualModem", "ModemKit", "ModemTransport", "ModemKitTestSupport", "Telemetry"]
        ),
        .testTarget(
            name: "ModemReplayTests",
            dependencies: [
                "ModemReplay", "ModemTrace", "ATCodec", "ModemCore", "ModemDialects", "ModemKit", "ModemTransport",
                "ModemKitTestSupport",
            ]
        ),
        .testTarget(name: "ModemTraceTests", dependencies: ["ModemTrace", "ModemKitTestSupport"]),
        .testTarget(name: "ModemCoreTests", dependencies: ["ModemCore", "ModemDialects", "ModemKitTestSupport"]),
        .testTarget(
            name: "TelemetryTests",
            dependencies: ["Telemetry", "SMSPDU", "ModemKitTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .testTarget(
            name: "ModemTelemetryTests",
            dependencies: [
                "ModemTelemetry", "Telemetry", "ModemKit", "ModemKitTestSupport", "ModemTransport",
                "VirtualModem", "VirtualModemHost", "ModemKitCLI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SMSPDUTests", dependencies: ["SMSPDU", "ModemKitTestSupport"]),
        .testTarget(
            name: "ModemTransportTests",
            dependencies: ["ModemTransport", "ModemKitTestSupport"]
        ),
        .testTarget(
            name: "ModemKitTests",
            dependencies: ["ModemKit", "ModemKitTestSupport", "ModemDialects", "ModemTransport", "SMSPDU"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ModemKit", "ModemKitCLI", "ModemKitTestSupport", "ModemTransport", "SMSPDU", "VirtualModem", "VirtualModemHost",
                "ModemTelemetry",
            ]
        ),
    ]
)
