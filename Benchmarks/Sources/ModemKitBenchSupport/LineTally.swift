/// How many lines of each kind a pass saw; the generator fills in what a pass must see, so a
/// benchmark can prove it measured the work it claims before timing it.
public struct LineTally: Sendable, Equatable, CustomStringConvertible {
    /// Lines returned by the framer (every kind below except prompts).
    public var lines = 0
    public var finals = 0
    public var echoes = 0
    public var information = 0
    public var urcs = 0
    public var unknown = 0
    public var prompts = 0
    /// Commands that ended with a final result or were failed by a power-on line.
    public var commandsEnded = 0

    public init() {}

    public var description: String {
        "lines \(lines) (finals \(finals), echoes \(echoes), information \(information), URCs \(urcs), "
            + "unknown \(unknown)), prompts \(prompts), commands ended \(commandsEnded)"
    }
}
