// swift-tools-version: 6.1
import PackageDescription

// A small program using ModemKit as a dependency, the way an application would.
//
//     swift run --package-path Examples/QuickStart QuickStart /dev/ttyUSB2
//     swift run --package-path Examples/QuickStart QuickStart --demo     # no hardware needed
let package = Package(
    name: "QuickStart",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ModemKit", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [
                .product(name: "ModemKit", package: "ModemKit"),
                .product(name: "ATCodec", package: "ModemKit"),
                .product(name: "ModemTransport", package: "ModemKit"),
                // Only for --demo: the scripted modem that `modemkit demo` uses.
                .product(name: "VirtualModem", package: "ModemKit"),
                .product(name: "VirtualModemHost", package: "ModemKit"),
            ]
        ),
    ]
)
