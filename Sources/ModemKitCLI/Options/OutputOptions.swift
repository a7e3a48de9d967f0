import ArgumentParser

/// `--json`: machine-readable output on stdout instead of the human one.
public struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON on stdout (progress and diagnostics stay on stderr).")
    public var json = false

    public init() {}
}
