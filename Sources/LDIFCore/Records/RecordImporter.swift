import Foundation

/// Receives what an importer reads, record by record.
///
/// The converter is the usual sink; tests use a collecting one.
public protocol RecordSink: AnyObject {
    /// A record was read and is ready for the mapping. The record is valid only
    /// during the call.
    func accept(_ record: borrowing Record)

    /// A record was read but cannot be used (ragged row, invalid UTF-8, a field
    /// over the size limit, an unterminated quote). `finding` says why; it must
    /// be an error that names the record's location.
    func reject(_ finding: Finding)

    /// A problem that does not reject a record (a duplicate header name, a
    /// document that breaks off after its last record).
    func report(_ finding: Finding)

    /// A note for the user that is not a problem ("delimiter: ';' (sniffed)").
    func note(_ message: String)
}

/// A sink that keeps the storage records are read into instead of copying each record out of it
/// (the converter's record pipe, which hands whole batches to another thread).
///
/// An importer that uses it appends each record after the previous ones in one ``Record`` (its
/// values index that storage, its slots count from the record's first value), hands each record over with
/// ``acceptInPlace(_:)``, and then calls ``takeStorage(of:onlyIfFull:)``, which trades the filled
/// storage for empty storage when the sink has enough. When the importer stops, for whatever
/// reason, it calls ``takeStorage(of:onlyIfFull:)`` with `onlyIfFull: false`, so that no record
/// accepted in place stays behind.
public protocol InPlaceRecordSink: RecordSink {
    /// A record whose values are the last ones in the storage of `record`, from value `base` on
    /// (the values before belong to records accepted in place before); its slots count from `base`.
    func acceptInPlace(_ record: borrowing Record, valuesFrom base: Int)

    /// Takes the storage of `record` (every record accepted in place since the last take), leaving
    /// it empty storage; with `onlyIfFull`, only when the sink has enough. Returns whether it took it.
    @discardableResult
    func takeStorage(of record: inout Record, onlyIfFull: Bool) -> Bool
}

/// A problem binding one of the plan's field paths to an input.
public struct BindProblem: Sendable, Equatable {
    /// Index of the path in the list given to ``RecordImporter/bind(_:)``.
    public var pathIndex: Int
    /// What is wrong, without the mapping location (the caller adds it).
    public var message: String

    public init(pathIndex: Int, message: String) {
        self.pathIndex = pathIndex
        self.message = message
    }
}

/// Reads one input file into records.
///
/// Lifecycle: the factory opens the input (reading a header if there is one),
/// the converter calls ``bind(_:)`` with the plan's field paths, then
/// ``read(into:)`` once. Memory stays bounded whatever the input size.
public protocol RecordImporter: AnyObject {
    /// The field names known before the first record (a CSV header or the
    /// mapping's `columns`); nil when the format has none.
    var fieldNames: [String]? { get }

    /// Binds the plan's field paths: slot `i` of every record will hold the
    /// values of `paths[i]`. Returns a problem for each path that cannot be
    /// bound (an unknown column, a malformed path).
    func bind(_ paths: [FieldPath]) -> [BindProblem]

    /// Reads every record and hands each to `sink`.
    ///
    /// - Throws: ``ConversionError`` when the input cannot be read at all (I/O).
    ///   Bad records and a document that breaks off are findings, not throws.
    func read(into sink: any RecordSink) throws
}

/// One input as the user named it, and where to read it from.
public struct InputFile: Sendable, Hashable {
    /// As given on the command line (`-` for standard input).
    public var name: String
    /// The file to open (a spooled copy for standard input and pipes).
    public var path: String
    /// The file opened once for the whole conversion; importers read through it (``openForReading()``).
    public var handle: InputHandle?
    /// Whether `path` is a temporary copy that the conversion removes when it ends.
    public var spooled = false

    public init(name: String, path: String, handle: InputHandle? = nil) {
        self.name = name
        self.path = path
        self.handle = handle
    }

    /// A descriptor reading the input from its start, for an importer; the caller closes it.
    ///
    /// Through ``handle`` when there is one (the same file every time, whatever its path holds now),
    /// else by opening ``path``.
    /// - Throws: ``ConversionError`` naming the input when it cannot be opened.
    public func openForReading() throws(ConversionError) -> Int32 {
        if let handle { return try handle.reopen(name: name) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            let shown = name == path ? name : "\(name) (\(path))"
            throw ConversionError(.input, "cannot open \(shown): \(String(cString: strerror(code)))", errno: code)
        }
        return descriptor
    }

    /// Whether `path` names a regular file (following links): one that can be read again from its start,
    /// unlike a pipe, a FIFO or a device.
    public static func isRegularFile(atPath path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Tells whoever watches the conversion that `count` more bytes of this input were read.
    @inline(__always)
    public func noteRead(_ count: Int) {
        if count > 0, let progress = handle?.progress { progress.add(bytes: count) }
    }

    public static func == (a: InputFile, b: InputFile) -> Bool { a.name == b.name && a.path == b.path }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(path)
    }
}

/// Makes the importer for an input in a given format.
public protocol ImporterFactory: Sendable {
    /// The formats this factory handles (`csv`, `xml`, `json`, `jsonl`).
    var formats: Set<String> { get }

    /// Opens `input` and reads what precedes the first record (a header row).
    ///
    /// - Throws: ``ConversionError`` when the input cannot be opened or its
    ///   options are refused.
    func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter
}
