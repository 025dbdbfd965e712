public import LDIFCore

/// Opens Excel workbooks (`.xlsx`, `.xlsm`) for the converter, one ``RecordImporter`` per file.
///
/// How a workbook is read:
/// - Its sheets, shared strings, styles and date system are found through the package
///   relationships (`_rels/.rels`, then the workbook's), in the transitional and the strict
///   OOXML namespaces, whatever the prefixes.
/// - `sheet` picks the sheets (a name, a 1-based number, `"*"` or a list; default the first);
///   each record knows its sheet as `$sheet`. `header`, `headerRow` and `firstDataRow` say which
///   row names the columns and where records start; without a header, columns are named by
///   their letters (`A`, `B`, `AA`) or by `columns`.
/// - Cells keep Excel's types: text, numbers (shortest round-trip form), booleans, and dates
///   and times as ISO text in the form the cell's number format shows. Error cells are warnings
///   (`cell-error`) and their fields are left out. A row without a value is not a record.
/// - A damaged, truncated, encrypted or non-xlsx file, and a zip bomb, stop the conversion
///   with a message naming the file; nothing is converted.
public struct XLSXImporterFactory: ImporterFactory {
    /// `xlsx` (the converter picks it for `.xlsx` and `.xlsm` files and for `format: xlsx`).
    public let formats: Set<String> = ["xlsx"]
    /// Caps on what one part of the archive may inflate to.
    public var limits: ZipLimits

    public init(limits: ZipLimits = ZipLimits()) {
        self.limits = limits
    }

    /// Opens `input`: reads its structure, shared strings and styles, and each chosen sheet's header row.
    ///
    /// - Throws: ``ConversionError``: `.input` when the file is not a readable workbook,
    ///   `.mapping` when `sheet` names a sheet it does not have.
    public func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
        try XLSXImporter(input, options: options, limits: limits)
    }
}
