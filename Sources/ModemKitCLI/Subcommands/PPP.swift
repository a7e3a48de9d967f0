import ArgumentParser
import ATCodec
import ModemCore
import ModemKit
import ModemTransport

extension ModemKitCommand {
    /// `modemkit ppp --apn APN`: dials the data session and hands its bytes to a pseudo-terminal
    /// for pppd.
    struct PPP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ppp",
            abstract: "Dial the data session (ATD*99***<cid>#) and bridge it to a pseudo-terminal for pppd.",
            discussion: """
                Brings the modem up to registration, defines the context (AT+CGDCONT), dials \
                ATD*99***<cid># and, after CONNECT, copies the modem's data-mode bytes to and \
                from a new pseudo-terminal whose path it prints:

                    pty: /dev/pts/7

                Attach pppd to that path, for example:

                    pppd /dev/pts/7 115200 noauth defaultroute usepeerdns persist nocrtscts local

                (no chat script: the call is already up). The bridge ends when the modem says \
                NO CARRIER, or on Ctrl-C: then it escapes with +++ (a 1 s guard before and \
                after, ITU-T V.250) and hangs up with ATH. Exit codes: 0 ended; 1 the SIM is \
                locked or the dial failed; 2 usage error; 3 not registered within --timeout; \
                4 device or connection failure.
                """
        )

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var lifecycleOptions: LifecycleOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: ArgumentHelp("Access point name (empty: the network's).", valueName: "apn"))
        var apn = ""
        @Option(help: "PDP context id (1 to 15).")
        var cid = 1
        @Option(help: ArgumentHelp("SIM PIN, entered once if the SIM asks.", valueName: "pin"))
        var pin: String?
        @Option(help: ArgumentHelp("Seconds to wait for registration.", valueName: "seconds"))
        var timeout: Double = 180

        func validate() throws {
            do {
                _ = try DataSessionSettings(cid: cid, apn: apn)
            } catch {
                throw ValidationError("\(error)")
            }
            try CodeChecks.pin(pin)
            try CodeChecks.seconds(timeout, option: "--timeout")
        }

        func run() async throws {
            let session = try DataSessionSettings(cid: cid, apn: apn)
            var lifecycle = ModemLifecycleStateMachine.Configuration(pin: pin, bringUpData: false, dataSession: session)
            try lifecycleOptions.apply(to: &lifecycle)
            let connection = try await ModemConnection.open(self.connection)
            Console.progress("Connected to \(connection.summary); registering…")
            let client = ATClient(transport: connection.transport, logger: logging.logger(label: "modemkit.at"))
            let modem = Modem(client: client, configuration: .init(lifecycle: lifecycle), logger: logging.logger(label: "modemkit.modem"))
            let outcome = await RegistrationRun.untilRegistered(modem, timeout: .seconds(timeout))
            await modem.stop()   // nothing else may talk to the modem once the call is up
            var result: Result<String, CLIError>
            do {
                try RegistrationRun.check(outcome, timeout: timeout)
                result = .success(try await PPPBridge.run(client: client, session: session))
            } catch {
                result = .failure(error)
            }
            await client.close()
            await connection.close()
            Console.out("ended: \(try result.get())")
        }
    }
}
