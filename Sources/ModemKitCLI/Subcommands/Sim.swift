import ArgumentParser
import Foundation
import ModemCore
import ModemTransport
import VirtualModem
import VirtualModemHost

extension ModemKitCommand {
    /// `modemkit sim`: virtual modems. `sim` alone is `sim serve`.
    struct Sim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Virtual modems: serve one on a pseudo-terminal or TCP port, control it, run a fleet.",
            subcommands: [Serve.self, Ctl.self, Fleet.self, Upload.self],
            defaultSubcommand: Serve.self
        )
    }
}

extension ModemKitCommand.Sim {
    /// `modemkit sim [serve]`: a virtual modem on a pseudo-terminal or a TCP port.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a virtual modem on a pseudo-terminal or a TCP port, for any program to talk AT to.",
            discussion: """
                Prints the device path (or TCP address) on its first line, then runs until Ctrl-C. \
                Programs open the path like a serial port: modemkit, gammu, smsd, minicom. \
                Sockets the modem opens are bridged to real sockets on loopback only.

                While it runs, `modemkit sim ctl --control <socket>` injects events (incoming SMS, \
                signal, registration loss, reboot...) and faults, and reads its status.

                Profiles: generic, simcom-sim800, simcom-sim7600, quectel-bg96, ublox-sara-r4.
                """
        )

        @Option(help: ArgumentHelp("The modem model.", valueName: "name"))
        var profile: String?

        @Option(help: ArgumentHelp("A scenario file (YAML): profile, SIM, network and a timeline of events and faults.", valueName: "file"))
        var scenario: String?

        @Option(help: ArgumentHelp("Make a symlink to the pseudo-terminal at this path (e.g. /tmp/ttyVM0).", valueName: "path"))
        var pty: String?

        @Option(help: ArgumentHelp("Serve on TCP instead of a pseudo-terminal: HOST:PORT (port 0 picks one).", valueName: "host:port"))
        var tcp: String?

        @Option(help: ArgumentHelp("The control socket path (default: a new one in the temporary directory).", valueName: "path"))
        var control: String?

        @Option(help: "Seed for every random choice (signal walk, faults); the same seed gives the same run.")
        var seed: UInt64?

        @Option(help: ArgumentHelp("The SIM asks for this PIN at boot.", valueName: "pin"))
        var pin: String?

        @Option(help: ArgumentHelp("Emulate this line speed (bits per second, 10 bits a byte).", valueName: "baud"))
        var baud: Int?

        @Flag(help: "Boot at once instead of after the profile's boot time.")
        var fastBoot = false

        func validate() throws {
            if pty != nil && tcp != nil { throw ValidationError("Give --pty or --tcp, not both.") }
            if let profile, VirtualModemProfile.named(profile) == nil {
                throw ValidationError("Unknown profile '\(profile)'. Known: \(VirtualModemProfile.builtIn.map(\.name).joined(separator: ", ")).")
            }
            if let pin, !(4...8).contains(pin.count) || !pin.allSatisfy(\.isNumber) { throw ValidationError("A PIN is 4 to 8 digits.") }
            if let baud, !(300...4_000_000).contains(baud) { throw ValidationError("--baud must be 300 to 4000000.") }
            if let tcp { _ = try ConnectionOptions.endpoint(tcp, listening: true) }
        }

        func run() async throws {
            let modem = try makeModem()
            let controlPath = control ?? NSTemporaryDirectory() + "modemkit-sim-\(getpid()).sock"
            let runner: VirtualModemRunner
            var stopServer: (@Sendable () async -> Void)?
            if let tcp {
                let endpoint = try ConnectionOptions.endpoint(tcp, listening: true)
                let server: VirtualModemTCPServer
                do {
                    server = try await VirtualModemTCPServer.start(
                        runnerFor: { VirtualModemRunner(modem: modem, transport: $0, sockets: SimNetwork.bridge) },
                        host: endpoint.host, port: endpoint.port
                    )
                } catch {
                    throw CLIError("cannot listen on \(tcp): \(error)", exitCode: CLIExit.transport)
                }
                runner = server.runner
                stopServer = { await server.stop() }
                Console.out("\(server.host):\(server.port)")
            } else {
                let pair: PseudoTerminalPair
                do {
                    pair = try PseudoTerminalPair(symlinkPath: pty)
                } catch {
                    throw CLIError("cannot create a pseudo-terminal: \(error)", exitCode: CLIExit.transport)
                }
                runner = VirtualModemRunner(modem: modem, transport: pair, sockets: SimNetwork.bridge)
                await runner.start()
                Console.out(pty ?? pair.slavePath)
            }
            let controlServer: ControlServer
            do {
                controlServer = try await ControlServer.start(path: controlPath, target: ControlTarget(runners: [runner]))
            } catch {
                await runner.stop()
                throw CLIError("cannot open the control socket \(controlPath): \(error)", exitCode: CLIExit.transport)
            }
            Console.progress("virtual \(modem.profile.name) running; control socket \(controlPath)")
            Console.progress("try: modemkit sim ctl --control \(controlPath) sms +15550100 hello")
            let signals = SignalStop { await runner.stop() }
            await runner.waitUntilStopped()
            await stopServer?()
            await controlServer.stop()
            signals.cancel()
        }

        private func makeModem() throws -> VirtualModem {
            var base = VirtualModemConfiguration()
            if let profile, let found = VirtualModemProfile.named(profile) { base.profile = found }
            if let seed { base.seed = seed }
            if let pin { base.sim.pin = pin }
            if fastBoot {
                base.profile.timing.bootTime = .milliseconds(1)
                base.profile.timing.simBusyTime = .milliseconds(1)
            }
            var modem: VirtualModem
            if let scenario {
                do {
                    var loaded = try ScenarioFile.load(scenario)
                    if profile != nil { loaded.profile = nil }
                    modem = try VirtualModem(scenario: loaded, base: base)
                } catch let error as ScenarioFile.LoadError {
                    throw CLIError(error.description, exitCode: CLIExit.usage)
                } catch {
                    throw CLIError("\(scenario): \(error)", exitCode: CLIExit.usage)
                }
            } else {
                modem = VirtualModem(configuration: base)
            }
            if let baud {
                var plan = modem.faultPlan
                plan.baudRate = baud
                _ = modem.setFaults(plan, at: .zero)
            }
            return modem
        }
    }
}

/// The socket bridge the CLI's virtual modems use: real sockets, loopback only.
enum SimNetwork {
    static let bridge = SocketBridge.loopback
}
