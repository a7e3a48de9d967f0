import ModemKitCLI

// `execute()` is argument-parser's `main()` with modemkit's exit codes (docs/cli.md):
// usage errors exit with 2 instead of 64, and each failure with its own code.
await ModemKitCommand.execute()
