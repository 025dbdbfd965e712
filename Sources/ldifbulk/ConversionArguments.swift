import ArgumentParser

/// The options every converting command shares.
struct ConversionArguments: ParsableArguments {
    /// The longest field `--max-field-bytes` may allow: a field is held in memory whole.
    static let maxFieldBytesLimit = 1 << 30

    @Option(name: .long, help: "The mapping file (YAML).")
    var mapping: String

    @Option(name: .long, help: "The longest field accepted, in bytes (a longer one is almost always a stray quote).")
    var maxFieldBytes: Int?

    @Flag(name: .long, help: "Treat warnings as errors (exit 2).")
    var strict = false

    @Option(name: .long, help: "How many findings to print on standard error (all are in findings.jsonl).")
    var maxFindings = 50

    @Argument(help: "Input files; '-' reads standard input.")
    var inputs: [String]

    func validate() throws {
        if let maxFieldBytes, !(1...Self.maxFieldBytesLimit).contains(maxFieldBytes) {
            throw ValidationError("--max-field-bytes must be from 1 to \(Self.maxFieldBytesLimit) (1 GiB)")
        }
        if maxFindings < 0 { throw ValidationError("--max-findings must not be negative") }
    }
}
