/// Vendor commands that are not about sockets: power down, PIN counters, readiness queries.
///
///     AT+QPOWD        → OK, then POWERED DOWN            (Quectel)
///     AT+CPOWD=1      → NORMAL POWER DOWN                 (SIMCom)
///     AT+QPINC="SC"   → +QPINC: "SC",3,10                 (Quectel)
///     AT+SPIC         → +SPIC: 3,10,0,10                  (SIMCom)
extension VirtualModem {
    static func registerVendor(into table: inout [String: HandlerTable.Handler], dialect: VirtualModemProfile.Dialect) {
        switch dialect {
        case .quectel:
            table["+QPOWD"] = { modem, _ in
                modem.schedule(after: .milliseconds(10), tag: .boot) { modem in
                    modem.writeURC(["POWERED DOWN"])
                    modem.powerOff()
                }
                return .ok
            }
            table["+QPINC"] = { modem, _ in
                .ok(["+QPINC: \"SC\",\(modem.sim.pinAttemptsLeft),\(modem.sim.pukAttemptsLeft)"])
            }
        case .simcomSIM800, .simcomSIM7600:
            table["+CPOWD"] = { modem, _ in
                modem.schedule(after: .milliseconds(10), tag: .boot) { $0.powerOff() }
                return .final([], "NORMAL POWER DOWN")
            }
            table["+SPIC"] = { modem, _ in
                .ok(["+SPIC: \(modem.sim.pinAttemptsLeft),\(modem.sim.pukAttemptsLeft),0,10"])
            }
        case .ublox:
            table["+CPWROFF"] = { modem, _ in
                modem.schedule(after: .milliseconds(10), tag: .boot) { $0.powerOff() }
                return .ok
            }
        case .generic:
            break
        }
    }

    /// Powered down: deaf until the power key.
    mutating func powerOff() {
        abandonLine()
        timers.cancelAll(except: [.scenario, .fault])
        closeAllSockets(notify: false)
        power = .off
        network = NetworkState(configuration: configuration.network)
        network.signal = NetworkState.initialSignal(configuration.network.signal)
        packet = PacketState()
        sim.initialised = false
    }
}
