import CLibCSV

/// The one libcsv parser of an input: created in `init`, freed in `deinit`.
///
/// Options: `CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`. Strict mode makes
/// libcsv stop at every quote it does not expect; ``CSVImporter`` decides what
/// each stop means and resumes (see ``resumeAfterQuoteInUnquotedField(_:context:)``
/// and ``reopenAfterClosingQuote()``). Every line break outside quotes is reported,
/// so that empty lines can be counted. No `CSV_APPEND_NULL`: fields are read by
/// their length.
///
/// Spaces and tabs around a value are part of it (RFC 4180; Python's csv, Miller and
/// Excel keep them): libcsv is given a space function that sees no blank. With
/// `trim`, libcsv trims them as it does by default, without that call per byte.
final class LibCSVParser {
    /// libcsv's parser states (`ROW_NOT_BEGUN` ... in libcsv.c, stable since 3.0).
    enum State: Int32 {
        case rowNotBegun = 0
        case fieldNotBegun = 1
        case fieldBegun = 2
        case fieldMightHaveEnded = 3
    }

    /// Why libcsv stopped before the end of the bytes it was given.
    enum Stop: Equatable {
        /// A quote inside a field that did not start with one (`5" screen`).
        case quoteInUnquotedField
        /// Something other than a delimiter or line end after a closing quote (`"a"b`).
        case textAfterClosingQuote
        /// libcsv could not grow its field buffer.
        case outOfMemory
        /// A status this code does not know (never expected; reported, not fatal to the process).
        case other(Int32)
    }

    typealias FieldCallback = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void
    typealias RowCallback = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void

    private let parser: UnsafeMutablePointer<csv_parser>
    private let options: UInt8
    private let onField: FieldCallback
    private let onRow: RowCallback

    init(delimiter: UInt8, trim: Bool, onField: FieldCallback, onRow: RowCallback) {
        options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)
        parser = .allocate(capacity: 1)
        csv_init(parser, options)
        csv_set_delim(parser, delimiter)
        if !trim { csv_set_space_func(parser, { _ in 0 }) }
        // libcsv grows its field buffer linearly by this much; the default (128) would realloc ~8,000 times per MiB.
        csv_set_blk_size(parser, 1 << 16)
        self.onField = onField
        self.onRow = onRow
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// Parses `count` bytes; returns how many were consumed and, when fewer than
    /// `count`, why libcsv stopped (the byte at the returned offset was not consumed).
    func parse(_ bytes: UnsafeRawPointer, count: Int, context: UnsafeMutableRawPointer) -> (Int, Stop?) {
        let consumed = csv_parse(parser, bytes, count, onField, onRow, context)
        guard consumed < count else { return (consumed, nil) }
        return (consumed, stop())
    }

    private func stop() -> Stop {
        let status = csv_error(parser)
        switch status {
        case CSV_EPARSE:
            return state == .fieldMightHaveEnded ? .textAfterClosingQuote : .quoteInUnquotedField
        case CSV_ENOMEM, CSV_ETOOBIG: return .outOfMemory
        default: return .other(status)
        }
    }

    /// Takes the stray quote at `byte` as a literal character of the unquoted field, as
    /// spreadsheets do (`5" screen`), and clears the error.
    func resumeAfterQuoteInUnquotedField(_ byte: UnsafeRawPointer, context: UnsafeMutableRawPointer) {
        parser.pointee.status = 0
        csv_set_opts(parser, options & ~UInt8(CSV_STRICT))
        _ = csv_parse(parser, byte, 1, onField, onRow, context)
        csv_set_opts(parser, options)
    }

    /// After text that follows a closing quote: drops the closing quote and goes on
    /// as if the rest of the field were unquoted, so that the rest of the row (and the
    /// row's end) is found where the writer meant it. The caller rejects the row.
    func reopenAfterClosingQuote() {
        parser.pointee.status = 0
        // libcsv holds the closing quote and the blanks after it.
        parser.pointee.entry_pos -= parser.pointee.spaces + 1
        parser.pointee.spaces = 0
        parser.pointee.pstate = State.fieldBegun.rawValue
        parser.pointee.quoted = 0
    }

    /// Finishes the input: submits a last row that has no line end.
    ///
    /// - Returns: false when the input ends inside a quoted field (nothing was submitted).
    func finish(context: UnsafeMutableRawPointer) -> Bool {
        csv_fini(parser, onField, onRow, context) == 0
    }

    var state: State { State(rawValue: Int32(parser.pointee.pstate)) ?? .fieldBegun }

    /// Whether the field in progress started with a quote.
    var inQuotedField: Bool { parser.pointee.quoted != 0 && state != .rowNotBegun && state != .fieldNotBegun }

    /// The size of libcsv's field buffer (it only grows).
    var bufferBytes: Int { csv_get_buffer_size(parser) }

    /// The length of the field in progress so far, without the blanks libcsv may still
    /// trim and a closing quote it holds.
    var pendingFieldBytes: Int {
        switch state {
        case .fieldBegun: parser.pointee.entry_pos - parser.pointee.spaces
        case .fieldMightHaveEnded: parser.pointee.entry_pos - parser.pointee.spaces - 1
        case .rowNotBegun, .fieldNotBegun: 0
        }
    }

    /// Keeps at most `limit` of the blanks at the end of the field in progress: they are
    /// trimmed if the field ends next, and make it longer than `limit` if text follows,
    /// so more of them change nothing but memory.
    func limitTrailingBlanks(to limit: Int) {
        let spaces = parser.pointee.spaces
        guard spaces > limit else { return }
        parser.pointee.entry_pos -= spaces - limit
        parser.pointee.spaces = limit
    }

    /// Drops the bytes of the field in progress (a field over the size limit that is
    /// being skipped), keeping what libcsv still needs: the blanks it may trim, the
    /// quote that may close the field, a CR whose LF may follow.
    ///
    /// - Parameter inspect: sees the dropped bytes first (to count their line breaks).
    func dropPendingField(_ inspect: (UnsafeRawBufferPointer) -> Void) {
        guard state == .fieldBegun || state == .fieldMightHaveEnded, let buffer = parser.pointee.entry_buf else {
            return
        }
        let count = parser.pointee.entry_pos
        guard count > 0 else { return }
        // A field that ends in a long run of blanks keeps only a few: its bytes are dropped anyway.
        let spaces = min(parser.pointee.spaces, 16)
        parser.pointee.spaces = spaces
        var keep = spaces + (state == .fieldMightHaveEnded ? 1 : 0)
        if keep == 0 && buffer[count - 1] == 0x0D { keep = 1 }
        guard count > keep else { return }
        inspect(UnsafeRawBufferPointer(start: buffer, count: count - keep))
        UnsafeMutableRawPointer(buffer).copyMemory(from: buffer + (count - keep), byteCount: keep)
        parser.pointee.entry_pos = keep
    }
}
