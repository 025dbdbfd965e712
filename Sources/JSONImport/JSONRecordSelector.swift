import LDIFCore

/// Which values are records: `source.records` for JSON.
///
/// - `/components`: a JSON Pointer to an array; its elements are records.
/// - `/releases/*`: the values of the object (or elements of the array) at
///   `/releases`; a record of an object member knows its key (`$key`).
/// - no path: the elements of a top-level array, or the whole document as
///   one record when the top level is not an array.
/// - `jsonl`: every line is a record; no path is taken.
struct JSONRecordSelector: Sendable, Equatable {
    enum Mode: Sendable, Equatable {
        /// No path: top-level array elements, or the document.
        case automatic
        /// The elements of the array at `steps`.
        case elements
        /// The member values of the object (or elements of the array) at `steps`.
        case members
        /// One record per line.
        case lines
    }

    var mode: Mode
    /// Keys and indexes from the top to the container of the records.
    var steps: [JSONStep]
    /// The container's pointer as written in records' locations (escaped).
    var containerPointer: String
    /// The path as the mapping wrote it, for messages.
    var text: String

    /// Parses `source.records` for `format` (`json` or `jsonl`).
    ///
    /// - Throws: ``ConversionError`` (`.options`) for a path that is not a JSON Pointer.
    init(_ records: String?, format: String) throws(ConversionError) {
        text = records ?? ""
        guard format != "jsonl" else {
            guard records == nil else {
                throw ConversionError(
                    .options, "source.records: '\(text)' cannot be used with jsonl, where every line is a record")
            }
            mode = .lines
            steps = []
            containerPointer = ""
            return
        }
        guard let records else {
            mode = .automatic
            steps = []
            containerPointer = ""
            return
        }
        guard var tokens = JSONPointer.tokens(records) else {
            throw ConversionError(
                .options,
                "source.records: '\(records)' is not a JSON Pointer: write /components for the elements of an array,"
                    + " /releases/* for the values of an object (a '~' is written ~0, a '/' in a key ~1)")
        }
        mode = tokens.last == "*" ? .members : .elements
        if mode == .members { tokens.removeLast() }
        if tokens.contains("*") {
            throw ConversionError(.options, "source.records: '\(records)': '*' can only be the last step")
        }
        steps = tokens.map(JSONStep.init(token:))
        containerPointer = tokens.isEmpty ? "" : "/" + tokens.map(JSONPointer.escape).joined(separator: "/")
    }

    /// The depth of the container of the records (0: the top-level value).
    var containerDepth: Int { steps.count }
}
