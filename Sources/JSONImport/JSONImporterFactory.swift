public import LDIFCore

/// Makes ``JSONImporter``s: the `json` and `jsonl` formats (`.ndjson` files are jsonl).
public struct JSONImporterFactory: ImporterFactory {
    public init() {}

    public var formats: Set<String> { ["json", "jsonl"] }

    /// Checks the records path and that the file can be opened.
    ///
    /// - Throws: ``ConversionError`` (`.options`) for a records path that is
    ///   not a JSON Pointer or an encoding other than UTF-8 (RFC 8259 allows
    ///   no other), (`.io`) when the file cannot be opened.
    public func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
        guard options.encoding == .utf8 else {
            throw ConversionError(
                .options, "source.encoding: JSON is always UTF-8 (RFC 8259); convert \(input.name) to UTF-8")
        }
        let selector = try JSONRecordSelector(options.records, format: options.format(for: input))
        _ = try JSONFile(input: input, capacity: 1)
        return JSONImporter(input: input, selector: selector, options: options)
    }
}
