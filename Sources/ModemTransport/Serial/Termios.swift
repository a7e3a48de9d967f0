#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ModemCore

/// Raw-mode termios set-up shared by ``TermiosPort`` and ``PseudoTerminalPair``.
enum Termios {
    /// Puts the terminal `fd` in raw mode with the line settings of `configuration`.
    static func configure(_ fd: Int32, _ configuration: SerialConfiguration) throws(TransportError) {
        try configuration.validate()
        let speed = try speedConstant(for: configuration.baud)
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw POSIX.error("tcgetattr") }
        makeRaw(&settings)

        settings.c_cflag &= ~tcflag_t(CSIZE)
        switch configuration.dataBits {
        case 5: settings.c_cflag |= tcflag_t(CS5)
        case 6: settings.c_cflag |= tcflag_t(CS6)
        case 7: settings.c_cflag |= tcflag_t(CS7)
        default: settings.c_cflag |= tcflag_t(CS8)
        }

        settings.c_cflag &= ~tcflag_t(PARENB | PARODD)
        #if os(Linux)
        settings.c_cflag &= ~tcflag_t(CMSPAR)
        #endif
        switch configuration.parity {
        case .none: break
        case .even: settings.c_cflag |= tcflag_t(PARENB)
        case .odd: settings.c_cflag |= tcflag_t(PARENB | PARODD)
        case .mark, .space:
            #if os(Linux)
            settings.c_cflag |= tcflag_t(PARENB) | tcflag_t(CMSPAR)
            if configuration.parity == .mark { settings.c_cflag |= tcflag_t(PARODD) }
            #else
            throw .invalidConfiguration("\(configuration.parity) parity is not supported by termios here")
            #endif
        }

        if configuration.stopBits == .two {
            settings.c_cflag |= tcflag_t(CSTOPB)
        } else {
            settings.c_cflag &= ~tcflag_t(CSTOPB)
        }

        settings.c_cflag &= ~tcflag_t(CRTSCTS)
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        switch configuration.flowControl {
        case .none: break
        case .rtsCts: settings.c_cflag |= tcflag_t(CRTSCTS)
        case .xonXoff: settings.c_iflag |= tcflag_t(IXON | IXOFF)
        }

        guard cfsetspeed(&settings, speed) == 0 else { throw POSIX.error("cfsetspeed") }
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw POSIX.error("tcsetattr") }
    }

    /// `cfmakeraw`, plus `CLOCAL | CREAD` and `VMIN = 1, VTIME = 0`: every byte passes
    /// untouched, nothing is echoed, modem status lines do not block `open`.
    static func makeRaw(_ settings: inout termios) {
        cfmakeraw(&settings)
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
    }

    /// Puts `fd` in raw mode, keeping its speed.
    static func makeRaw(_ fd: Int32) throws(TransportError) {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw POSIX.error("tcgetattr") }
        makeRaw(&settings)
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw POSIX.error("tcsetattr") }
    }

    /// Switches the speed of an open terminal now, keeping its other settings, and discards
    /// the input received at the old speed.
    static func setSpeed(_ fd: Int32, baud: Int) throws(TransportError) {
        let speed = try speedConstant(for: baud)
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw POSIX.error("tcgetattr") }
        guard cfsetspeed(&settings, speed) == 0 else { throw POSIX.error("cfsetspeed") }
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw POSIX.error("tcsetattr") }
        _ = tcflush(fd, TCIFLUSH)
    }

    /// The output speed of a terminal in bit/s; `nil` when it cannot be read or has no
    /// `Bxxxx` constant here. On Linux, a pty master reports its slave's settings.
    static func speed(of fd: Int32) -> Int? {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return nil }
        let constant = cfgetospeed(&settings)
        return speeds.first { $0.constant == constant }?.baud
    }

    /// The `Bxxxx` constant for a speed; `.invalidConfiguration` for one termios cannot set.
    static func speedConstant(for baud: Int) throws(TransportError) -> speed_t {
        guard let speed = speeds.first(where: { $0.baud == baud })?.constant else {
            let supported = speeds.map { String($0.baud) }.joined(separator: ", ")
            throw .invalidConfiguration("baud rate \(baud) is not supported by termios (supported: \(supported))")
        }
        return speed
    }

    /// The speeds termios knows by constant, ascending.
    static var supportedBaudRates: [Int] { speeds.map(\.baud) }

    #if os(Linux)
    private static let speeds: [(baud: Int, constant: speed_t)] = [
        (50, speed_t(B50)), (75, speed_t(B75)), (110, speed_t(B110)), (134, speed_t(B134)),
        (150, speed_t(B150)), (200, speed_t(B200)), (300, speed_t(B300)), (600, speed_t(B600)),
        (1200, speed_t(B1200)), (1800, speed_t(B1800)), (2400, speed_t(B2400)), (4800, speed_t(B4800)),
        (9600, speed_t(B9600)), (19_200, speed_t(B19200)), (38_400, speed_t(B38400)),
        (57_600, speed_t(B57600)), (115_200, speed_t(B115200)), (230_400, speed_t(B230400)),
        (460_800, speed_t(B460800)), (500_000, speed_t(B500000)), (576_000, speed_t(B576000)),
        (921_600, speed_t(B921600)), (1_000_000, speed_t(B1000000)), (1_152_000, speed_t(B1152000)),
        (1_500_000, speed_t(B1500000)), (2_000_000, speed_t(B2000000)), (2_500_000, speed_t(B2500000)),
        (3_000_000, speed_t(B3000000)), (3_500_000, speed_t(B3500000)), (4_000_000, speed_t(B4000000)),
    ]
    #else
    private static let speeds: [(baud: Int, constant: speed_t)] = [
        (50, speed_t(B50)), (75, speed_t(B75)), (110, speed_t(B110)), (134, speed_t(B134)),
        (150, speed_t(B150)), (200, speed_t(B200)), (300, speed_t(B300)), (600, speed_t(B600)),
        (1200, speed_t(B1200)), (1800, speed_t(B1800)), (2400, speed_t(B2400)), (4800, speed_t(B4800)),
        (9600, speed_t(B9600)), (19_200, speed_t(B19200)), (38_400, speed_t(B38400)),
        (57_600, speed_t(B57600)), (115_200, speed_t(B115200)), (230_400, speed_t(B230400)),
    ]
    #endif
}
