// Runs the codec benchmarks' passes outside the harness, for profilers. One warm-up pass
// (static tables, buffer growth) runs first; `profiledPasses` holds only the passes asked for:
//
//     swift build -c release --package-path Benchmarks --product modemkit-profile
//     valgrind --tool=callgrind --toggle-collect='*profiledPasses*' \
//         Benchmarks/.build/release/modemkit-profile codec 4096 1 1
//     heaptrack Benchmarks/.build/release/modemkit-profile engine 4096 1 1
//
// Arguments: pass (codec | engine | c), read size in bytes, session size in MiB, passes.
// `modemkit-profile pty c|pair [blocks]` runs the round-trip comparison once and prints it.
// `modemkit-profile sms [rounds]` times ModemKit against libgammu, decode then encode, both in every round;
// `modemkit-profile sms [rounds] decode|gammu|encode|gammu-encode` times one pass alone, for perf.
// `modemkit-profile decode [MiB] [rounds] [text|json|both]` times `replay decode` on a trace in
// memory against two C loops over the same bytes (docs/performance.md, Replay decode).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ModemKitBenchSupport

let arguments = Array(CommandLine.arguments.dropFirst())
func argument(_ index: Int, default value: Int) -> Int {
    index < arguments.count ? Int(arguments[index]) ?? value : value
}
let pass = arguments.first ?? "codec"

extension Range<Int> {
    func asyncMap<T>(_ body: (Int) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for index in self { results.append(try await body(index)) }
        return results
    }
}
if pass == "pty" {
    let responder: PtyRig.Responder = arguments.dropFirst().first == "pair" ? .pseudoTerminalPair : .blockingC
    let comparison = try RoundTripComparison(responder)
    if arguments.count > 3 {
        // `pty c N engine|pinned`: only that client's N round trips, for strace and perf.
        let count = argument(2, default: 1000)
        let samples = arguments[3] == "pinned"
            ? try await comparison.pinnedEngineRoundTrips(count)
            : try await (0..<count).asyncMap { _ in try await comparison.engineRoundTrip() }
        await comparison.stop()
        print("\(responder), \(arguments[3]): median \(percentile(50, of: samples)) ns")
        exit(0)
    }
    let (raw, engine, handoff, pinned) = try await comparison.measure(
        blocks: argument(2, default: 10), blockSize: 50, handoff: true, pinned: true)
    await comparison.stop()
    for (name, samples) in [
        ("raw fd", raw), ("raw fd + handoff (C)", handoff), ("ATClient", engine), ("ATClient, caller on the poll thread", pinned),
    ] {
        print("\(responder), \(name): median \(percentile(50, of: samples)) ns, p99 \(percentile(99, of: samples)) ns")
    }
    func ratio(_ samples: [Int]) -> String {
        (Double(percentile(50, of: samples)) / Double(percentile(50, of: raw))).formatted(decimals: 2)
    }
    print("handoff floor / raw: \(ratio(handoff))")
    print("ratio of medians: \(ratio(engine))")
    print("ratio of medians, caller on the poll thread: \(ratio(pinned))")
    exit(0)
}
if pass == "sms" {
    let passes = SMSPasses(corpus: SMSCorpus())
    let rounds = argument(1, default: 200)
    let perRound = Double(passes.corpus.pdus.count)
    func rate(_ name: String, _ body: () -> Void) {
        body()
        let start = ContinuousClock.now
        for _ in 0..<rounds { body() }
        let seconds = Double((ContinuousClock.now - start).nanoseconds) / 1e9
        print("\(name): \(Int(Double(rounds) * perRound / seconds)) per second")
    }
    // Both passes in every round, libgammu first, each timed on its own: the same load for both.
    func compare(_ name: String, ours: () -> Void, gammu: () -> Void) {
        ours()
        gammu()
        var oursTime = Duration.zero, gammuTime = Duration.zero
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            gammu()
            let middle = ContinuousClock.now
            ours()
            oursTime += ContinuousClock.now - middle
            gammuTime += middle - start
        }
        let oursRate = Double(rounds) * perRound * 1e9 / Double(oursTime.nanoseconds)
        let gammuRate = Double(rounds) * perRound * 1e9 / Double(gammuTime.nanoseconds)
        print("ModemKit \(name): \(Int(oursRate)) per second")
        print("libgammu \(name): \(Int(gammuRate)) per second")
        print("ModemKit / libgammu \(name): \((oursRate / gammuRate).formatted(decimals: 2))×")
    }
    precondition(passes.firstGammuMismatch() == nil, "libgammu's PDUs do not decode to the corpus texts")
    switch arguments.count > 2 ? arguments[2] : "all" {
    case "decode": rate("ModemKit decode") { _ = passes.decode() }
    case "gammu": rate("libgammu decode") { _ = passes.decodeWithGammu() }
    case "encode": rate("ModemKit encode") { _ = passes.encode() }
    case "gammu-encode": rate("libgammu encode") { _ = passes.encodeWithGammu() }
    default:
        compare("decode", ours: { _ = passes.decode() }, gammu: { _ = passes.decodeWithGammu() })
        compare("encode", ours: { _ = passes.encode() }, gammu: { _ = passes.encodeWithGammu() })
    }
    exit(0)
}
if pass == "decode" {
    // `modemkit-profile decode [MiB] [rounds] [text|json|both]`: `replay decode` over a trace in
    // memory, each round also timing the two C loops over the same bytes; the best round of each.
    let pass = try ReplayDecodePass(megabytes: argument(1, default: 64))
    let rounds = argument(2, default: 5)
    let modes = arguments.count > 3 && arguments[3] != "both" ? [arguments[3] == "json"] : [false, true]
    let megabytes = Double(pass.trace.count) / 1e6
    func seconds(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        return Double((ContinuousClock.now - start).nanoseconds) / 1e9
    }
    print("trace: \(pass.trace.count) bytes, \(pass.repetitions) repetitions of \(ReplayDecodePass.fixture)")
    let lines = pass.countLinesInC()
    let read = pass.readInC()
    print("C: \(lines.lines) lines, \(read.records) records, \(read.payloadBytes) payload bytes")
    var best: [String: Double] = [:]
    for round in 1...rounds {
        var line: [String] = []
        func time(_ name: String, _ body: () -> Void) {
            let elapsed = seconds(body)
            best[name] = min(best[name] ?? .infinity, elapsed)
            line.append("\(name) \((megabytes / elapsed).formatted(decimals: 1)) MB/s")
        }
        time("C memchr lines") { _ = pass.countLinesInC() }
        time("C trace reader") { _ = pass.readInC() }
        for json in modes {
            var result = (events: 0, problems: 0, outputBytes: 0)
            time(json ? "decode --json" : "decode") { result = pass.run(json: json) }
            precondition(result.problems == 0 && result.events > 0, "the trace did not decode cleanly: \(result)")
            if round == 1 { print("\(json ? "--json" : "text"): \(result.events) events, \(result.outputBytes) bytes out") }
        }
        print("round \(round): " + line.joined(separator: ", "))
    }
    let names = ["C memchr lines", "C trace reader"] + modes.map { $0 ? "decode --json" : "decode" }
    for name in names {
        let rate = megabytes / best[name]!
        print("best \(name): \(best[name]!.formatted(decimals: 3)) s, \(rate.formatted(decimals: 1)) MB/s "
              + "(\((rate * 1e6 / 1_048_576).formatted(decimals: 1)) MiB/s)")
    }
    for name in names.dropFirst(2) {
        print("\(name) / C trace reader: \((best[name]! / best["C trace reader"]!).formatted(decimals: 1))× the time; "
              + "/ C memchr lines: \((best[name]! / best["C memchr lines"]!).formatted(decimals: 1))×")
    }
    exit(0)
}
let chunkSize = argument(1, default: 4096)
let session = Transcript.modemSession(targetBytes: argument(2, default: 1) << 20)
let passes = argument(3, default: 1)
print("session: \(session.summary)")

@inline(never)
func profiledPasses(_ body: () -> String) -> String {
    var last = ""
    let start = ContinuousClock.now
    for _ in 0..<passes { last = body() }
    let seconds = Double((ContinuousClock.now - start).nanoseconds) / 1e9
    let rate = Double(session.bytes.count * passes) / seconds / 1e6
    return last + "\n\(passes) passes in \(seconds.formatted(decimals: 3)) s: \(rate.formatted(decimals: 1)) MB/s"
}

switch pass {
case "codec":
    let codec = CodecPass(transcript: session)
    _ = codec.run(chunkSize: chunkSize)
    print(profiledPasses { "\(codec.run(chunkSize: chunkSize))" })
case "engine":
    let engine = EnginePass(transcript: session, chunkSize: chunkSize)
    _ = engine.run()
    print(profiledPasses { "\(engine.run())" })
case "c":
    let baseline = LineSplitterBaseline(bytes: session.bytes)
    _ = baseline.run(chunkSize: chunkSize)
    print(profiledPasses { "\(baseline.run(chunkSize: chunkSize))" })
default:
    print("usage: modemkit-profile codec|engine|c [read size] [MiB] [passes]")
}
