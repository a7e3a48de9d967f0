/// Events from the modem's world: signal, registration, the network dropping a context, the
/// power key.
extension VirtualModem {
    mutating func apply(_ event: NetworkEvent) {
        switch event {
        case .incomingSMS, .flashSMS, .ussd:
            guard power == .on, network.isRegistered else {
                sms.held.append(event)
                return
            }
            receiveMessage(event)
        case .signal(let rssi):
            network.signal.rssi = (0...31).contains(rssi) ? rssi : 99
            network.signal.pinned = true
        case .registrationLost(let recoverAfter):
            guard power == .on || power == .asleep else { return }
            if power == .asleep { wake() }
            deregister(to: 2)
            if let recoverAfter {
                schedule(after: recoverAfter, tag: .registration) { $0.registrationOutcome() }
            }
        case .register(let outcome):
            network.outcome = outcome
            guard power == .on, network.functionality == 1, simFailure() == nil else { return }
            timers.cancel(.registration)
            registrationOutcome()
        case .pdpDeactivated(let cid):
            if dataCall?.cid == cid { dropDataCall() }
            deactivateContext(cid, byNetwork: true)
        case .remoteClose(let socket):
            remoteClosed(socket: socket)
        case .reboot:
            reboot()
        case .powerKey:
            switch power {
            case .asleep: wake()
            case .off: powerOn()
            case .on, .booting: break
            }
        }
    }
}
