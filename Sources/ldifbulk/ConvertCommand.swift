import ArgumentParser
import LDIFCore

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert inputs to LDIF chunk files (or one LDIF on standard output), uploading nothing.",
        discussion: """
            Writes DIR/chunk-0001.json, chunk-0002.json, ... (each a complete LDIF exactly as it \
            would be sent), a chunk-NNNN.sources.jsonl beside each (the source of every item), \
            findings.jsonl and manifest.json. Ctrl-C exits 130; the same command then clears what \
            was left in DIR (marked by DIR/convert.incomplete) and converts again.
            """
    )

    @OptionGroup var conversion: ConversionArguments

    @Option(name: .long, help: "The run directory to write chunk files into (created if missing).")
    var out: String?

    @Flag(name: .long, help: "Write one LDIF to standard output instead of chunk files.")
    var stdout = false

    @OptionGroup var chunks: ChunkOptions

    @Flag(name: .long, help: "Indent the LDIF for people.")
    var pretty = false

    @Option(name: .long, help: "Use this conversion id instead of a new one (for reproducible output).")
    var conversionId: String?

    func validate() throws {
        if (out == nil) == !stdout { throw ValidationError("give exactly one of --out DIR and --stdout") }
        if let conversionId,
            conversionId.isEmpty || conversionId.count > 64
                || conversionId.contains(where: { $0 == "]" || $0.isWhitespace })
        {
            throw ValidationError("--conversion-id must be 1 to 64 characters without spaces or ']'")
        }
    }

    func run() throws {
        let output: ConversionOptions.Output = out.map { .directory($0) } ?? .standardOutput
        var options = ConversionOptions(output: output, mappingName: conversion.mapping, toolVersion: LDIFBulk.version)
        options.limits = chunks.limits
        options.pretty = pretty
        options.conversionId = conversionId
        let run = ConversionRun(arguments: conversion, options: options)
        // Into a directory: Ctrl-C exits 130, and the same command starts over in the directory it left.
        let status = out.map { IncompleteConversion.converting(into: $0, run) } ?? run.execute()
        throw status.exitCode
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Do everything convert does, write nothing, and print a summary."
    )

    @OptionGroup var conversion: ConversionArguments

    func run() throws {
        let options = ConversionOptions(output: .none, mappingName: conversion.mapping, toolVersion: LDIFBulk.version)
        let status = ConversionRun(arguments: conversion, options: options).execute()
        throw status.exitCode
    }
}
