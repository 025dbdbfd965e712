public import LDIFCore

/// Opens CSV files (RFC 4180) for the converter, one ``RecordImporter`` per file.
///
/// How a file is read:
/// - Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and
///   CR line ends are accepted, also mixed. Spaces and tabs around a value are part
///   of it (RFC 4180); `trim` removes them from unquoted values. Header names are
///   always trimmed.
/// - A quote inside a field that does not start with one is kept as a character
///   (`5" screen`), as spreadsheets do. Text after the closing quote of a quoted
///   field (`"5" screen"`) rejects the record (`stray-quote`).
/// - An empty line (or one of blanks only, where a row has more than one field) is
///   not a record: it is skipped, and counted for line numbers. A one-column file
///   writes an empty value as `""`.
/// - With `header: true` the first row names the columns and is not a record. Without
///   it, `columns` names them; without both, columns are named by position (`"1"`,
///   `"2"`, ...) and the first row sets how many there are.
/// - `delimiter: auto` is guessed from the first lines (see ``DelimiterSniffer``) and
///   reported as a note.
/// - Encodings: UTF-8 (a byte-order mark is removed), UTF-16 (byte-order mark
///   expected; without one the byte order is guessed and reported), Latin-1 and
///   Windows-1252, transcoded to UTF-8 before parsing. Windows-1252's five undefined
///   bytes reject the record that holds them.
/// - Each bad record is rejected with one finding (stage `parse`): `ragged-row`,
///   `invalid-utf8` (`invalid-encoding` for the other encodings), `stray-quote`,
///   `field-too-long`, `unterminated-quote`. `empty-header`, `duplicate-header` and
///   `empty-file` are warnings. A field over `maxFieldBytes` is skipped without
///   keeping its bytes; when it runs to the end of the file it is reported as an
///   unterminated quote.
public struct CSVImporterFactory: ImporterFactory {
    /// `csv` (the converter picks it for `.csv`, `.tsv` and `.txt` files and for `format: csv`).
    public let formats: Set<String> = ["csv"]
    /// Bytes read from the file at a time.
    public var blockSize: Int

    /// - Parameter blockSize: bytes read at a time (tests use tiny blocks to cross every boundary).
    public init(blockSize: Int = 1 << 18) {
        self.blockSize = max(1, blockSize)
    }

    /// Opens `input` and reads its header row (or, without column names, its first row).
    ///
    /// - Throws: ``ConversionError`` (`.input`) when the file cannot be opened or read,
    ///   starts with a byte-order mark that contradicts `options.encoding`, or its
    ///   header row is broken (not valid text, a quote never closed, over the size limit).
    public func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
        try CSVImporter(input, options: options, blockSize: blockSize)
    }
}
