// swift-tools-version: 6.1
import PackageDescription

// Benchmarks for ModemKit, kept out of the root package so that its users never fetch the
// benchmark harness. Run from the repository root with `make -C Benchmarks bench`, or
// `swift package --package-path Benchmarks benchmark`. See docs/performance.md.
let package = Package(
    name: "ModemKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ModemKit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        // The same interposer the harness counts with, read directly for allocations per line.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.5.0"),
    ],
    targets: [
        // C baselines: a memchr line splitter, a blocking pty responder and raw round trip.
        .target(name: "CBaselines"),
        // The SMS peer baseline: Debian's libgammu (apt-get install libgammu-dev).
        .target(
            name: "CGammuBaseline",
            cSettings: [.unsafeFlags(["-I/usr/include/gammu"])],
            linkerSettings: [.linkedLibrary("Gammu")]
        ),
        // The transcript generator, the passes and the pty rigs the benchmarks time.
        .target(
            name: "ModemKitBenchSupport",
            dependencies: [
                "CBaselines",
                "CGammuBaseline",
                .product(name: "ATCodec", package: "ModemKit"),
                .product(name: "SMSPDU", package: "ModemKit"),
                .product(name: "ModemCore", package: "ModemKit"),
                .product(name: "ModemKit", package: "ModemKit"),
                .product(name: "ModemTransport", package: "ModemKit"),
                .product(name: "ModemKitTestSupport", package: "ModemKit"),
                .product(name: "ModemReplay", package: "ModemKit"),
                .product(name: "ModemTrace", package: "ModemKit"),
            ]
        ),
        // One pass at a time outside the harness, for callgrind and heaptrack.
        .executableTarget(name: "modemkit-profile", dependencies: ["ModemKitBenchSupport"]),
        .executableTarget(
            name: "CodecBenchmarks",
            dependencies: [
                "ModemKitBenchSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/CodecBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SMSBenchmarks",
            dependencies: [
                "ModemKitBenchSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SMSBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PtyBenchmarks",
            dependencies: [
                "ModemKitBenchSupport",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PtyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
