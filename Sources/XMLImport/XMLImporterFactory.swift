public import LDIFCore

/// Makes ``XMLImporter``s: the `xml` format.
///
/// `source.records` selects the record elements (see ``XMLImporter``); field
/// paths are `name`, `supplier/name`, `@bom-ref`, `supplier/@id` and `.`.
public struct XMLImporterFactory: ImporterFactory {
    public init() {}

    public var formats: Set<String> { ["xml"] }

    /// Checks the record path and that the file can be opened.
    ///
    /// - Throws: ``ConversionError`` (`.options`) for a malformed record path,
    ///   (`.io`) when the file cannot be opened.
    public func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
        let recordPath = try XMLRecordPath(options.records)
        _ = try XMLInputFeed(input: input)
        return XMLImporter(input: input, recordPath: recordPath, options: options)
    }
}
