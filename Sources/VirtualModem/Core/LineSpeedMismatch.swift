/// What a UART makes of bytes sent at another rate than it samples at: framing garbage. The
/// start bit lands mid-character, so no byte survives, and none comes out as a printable
/// character, CR or LF (nothing an AT parser could take for a command or an answer).
///
///     LineSpeedMismatch.garble(Array("AT\r".utf8))   // [0xEB, 0xB2, 0xCF], never "OK"
///
/// The emulation is simplified: one garbage byte per byte sent, where a real line produces
/// more bytes (host faster than modem) or fewer (host slower), and the same bytes every time.
public enum LineSpeedMismatch {
    /// Whether a host at `host` bit/s can talk to a modem at `modem` (`nil`: not known, or
    /// a modem that follows the host).
    public static func garbles(host: Int?, modem: Int?) -> Bool {
        guard let host, let modem else { return false }
        return host != modem
    }

    /// The bytes the far side receives: each with its high bit set.
    public static func garble(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { 0x80 | (($0 &* 0x1D) ^ 0x36) }
    }
}
