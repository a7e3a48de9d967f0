import ArgumentParser
import Foundation
import VirtualModem
import VirtualModemHost

extension ModemKitCommand.Sim {
    /// `modemkit sim ctl`: events, faults and status for a running virtual modem.
    struct Ctl: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ctl",
            abstract: "Inject events and faults into a running virtual modem, or read its status.",
            discussion: """
                Actions: status | sms FROM TEXT [--parts 2,1] [--flash] | ussd TEXT | signal RSSI | \
                lose-registration [--recover-after SECONDS] | register home|roaming|none|denied:CAUSE | \
                pdp-deact CID | remote-close SOCKET | reboot | power-key | \
                fault drop-next|delay-next MS|reboot-next|cme-next CODE|urc-inside URC|connect-fail|send-fail|garbage N|urc-storm URC N | \
                json '{"event":{...}}'
                """
        )

        @Option(help: ArgumentHelp("The control socket `modemkit sim` printed.", valueName: "path"))
        var control: String

        @Option(help: ArgumentHelp("In a fleet: which modem (from 0); default all.", valueName: "n"))
        var modem: Int?

        @Option(help: ArgumentHelp("With sms: which parts to deliver, in order (e.g. 2,1 or 1,3).", valueName: "list"))
        var parts: String?

        @Flag(help: "With sms: a class 0 (flash) message.")
        var flash = false

        @Option(help: ArgumentHelp("With lose-registration: come back after this many seconds.", valueName: "seconds"))
        var recoverAfter: Double?

        @Flag(help: "Print the answer as JSON.")
        var json = false

        @Argument(help: "The action and its arguments.")
        var action: [String]

        func run() async throws {
            let request = try makeRequest()
            let answer: ControlResponse
            do {
                answer = try ControlClient.send(request, to: control)
            } catch {
                throw CLIError("\(control): \(error)", exitCode: CLIExit.transport)
            }
            if json {
                try Console.json(answer)
            } else if let error = answer.error {
                Console.error("modemkit: \(error)")
            } else if let status = answer.status {
                for (index, modem) in status.enumerated() {
                    let registration = [0: "not registered", 1: "home", 2: "searching", 3: "denied", 4: "unknown", 5: "roaming"][modem.registration] ?? "stat \(modem.registration)"
                    Console.out("\(status.count > 1 ? "[\(index)] " : "")\(modem.profile): power \(modem.power), \(registration), rssi \(modem.rssi), attached \(modem.attached), contexts \(modem.activeContexts), sockets \(modem.openSockets), messages \(modem.storedMessages), commands \(modem.commands), up \(Int(modem.uptimeSeconds)) s")
                }
            } else {
                Console.out("ok")
            }
            if !answer.ok { throw ExitCode(CLIExit.modemError) }
        }

        func makeRequest() throws -> ControlRequest {
            guard let verb = action.first else { throw ValidationError("Give an action (status, sms, signal, reboot, fault...).") }
            let args = Array(action.dropFirst())
            func need(_ count: Int, _ usage: String) throws {
                guard args.count == count else { throw ValidationError("Usage: ctl \(usage)") }
            }
            func int(_ text: String) throws -> Int {
                guard let value = Int(text) else { throw ValidationError("'\(text)' is not a number.") }
                return value
            }
            var request = ControlRequest(modem: modem)
            switch verb {
            case "status":
                request.status = [:]
            case "sms":
                try need(2, "sms FROM TEXT")
                let list = try parts.map { try $0.split(separator: ",").map { try int(String($0)) } }
                request.event = Scenario.Event(sms: .init(from: args[0], text: args[1], parts: list, flash: flash ? true : nil))
            case "ussd":
                try need(1, "ussd TEXT")
                request.event = Scenario.Event(ussd: args[0])
            case "signal":
                try need(1, "signal RSSI")
                request.event = Scenario.Event(signal: try int(args[0]))
            case "lose-registration":
                request.event = Scenario.Event(registrationLost: recoverAfter ?? 0)
            case "register":
                try need(1, "register home|roaming|none|denied:CAUSE")
                request.event = Scenario.Event(register: args[0])
            case "pdp-deact":
                try need(1, "pdp-deact CID")
                request.event = Scenario.Event(pdpDeactivated: try int(args[0]))
            case "remote-close":
                try need(1, "remote-close SOCKET")
                request.event = Scenario.Event(remoteClose: try int(args[0]))
            case "reboot":
                request.event = Scenario.Event(reboot: true)
            case "power-key":
                request.event = Scenario.Event(powerKey: true)
            case "fault":
                request.fault = try fault(args)
            case "json":
                try need(1, "json '{...}'")
                do {
                    request = try JSONDecoder().decode(ControlRequest.self, from: Data(args[0].utf8))
                } catch {
                    throw ValidationError("Not a control request: \(error)")
                }
            default:
                throw ValidationError("Unknown action '\(verb)'.")
            }
            return request
        }

        private func fault(_ args: [String]) throws -> Fault {
            guard let name = args.first else { throw ValidationError("Usage: ctl fault NAME [ARGS]") }
            let rest = Array(args.dropFirst())
            func int(_ index: Int) throws -> Int {
                guard index < rest.count, let value = Int(rest[index]) else { throw ValidationError("fault \(name) needs a number.") }
                return value
            }
            switch name {
            case "drop-next": return .dropNextResponse
            case "delay-next": return .delayNextResponse(milliseconds: try int(0))
            case "reboot-next": return .rebootDuringNextCommand
            case "cme-next": return .cmeErrorOnNext(code: try int(0))
            case "urc-inside":
                guard let urc = rest.first else { throw ValidationError("fault urc-inside needs a URC line.") }
                return .urcInsideNextResponse(urc: urc)
            case "connect-fail": return .connectFailNext
            case "send-fail": return .sendFailNext
            case "garbage": return .garbage(count: try int(0))
            case "urc-storm":
                guard let urc = rest.first else { throw ValidationError("fault urc-storm needs a URC line and a count.") }
                return .urcStorm(urc: urc, count: try int(1))
            default: throw ValidationError("Unknown fault '\(name)'.")
            }
        }
    }
}

/// A blocking client for the control socket: one request line, one answer line.
enum ControlClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func send(_ request: ControlRequest, to path: String) throws -> ControlResponse {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw Failure(description: "path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect: \(String(cString: strerror(errno))) (is `modemkit sim` running?)") }
        var line = try JSONEncoder().encode(request)
        line.append(0x0A)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw Failure(description: "write failed") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !answer.contains(0x0A) {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        guard let newline = answer.firstIndex(of: 0x0A) else { throw Failure(description: "no answer") }
        return try JSONDecoder().decode(ControlResponse.self, from: Data(answer[..<newline]))
    }
}
