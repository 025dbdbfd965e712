public import LDIFCore

/// An importer over rows held in memory, for unit tests of the mapping and
/// the converter (the real importers have their own tests).
public struct TableImporterFactory: ImporterFactory {
    public let formats: Set<String> = ["table"]
    /// Tables by input file name (its last path component): first row is the header.
    public var tables: [String: [[String]]]

    public init(_ tables: [String: [[String]]]) {
        self.tables = tables
    }

    public func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
        let key = input.name.split(separator: "/").last.map(String.init) ?? input.name
        guard let rows = tables[key] else { throw ConversionError(.input, "\(input.name): no such table") }
        return TableImporter(name: input.name, rows: rows)
    }
}

final class TableImporter: RecordImporter {
    let name: String
    let rows: [[String]]
    var columns: [Int] = []

    init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }

    var fieldNames: [String]? { rows.first }

    func bind(_ paths: [FieldPath]) -> [BindProblem] {
        let header = rows.first ?? []
        columns = []
        var problems: [BindProblem] = []
        for (index, path) in paths.enumerated() {
            if let column = header.firstIndex(of: path.text) {
                columns.append(column)
            } else {
                columns.append(-1)
                problems.append(
                    BindProblem(
                        pathIndex: index,
                        message: "no column '\(path.text)' in \(name)\(Suggestion.hint(for: path.text, in: header))"))
            }
        }
        return problems
    }

    func read(into sink: any RecordSink) throws {
        var record = Record(file: name, slotCount: columns.count)
        for (number, row) in rows.dropFirst().enumerated() {
            record.clearValues()
            record.location = SourceLocation(file: name, line: number + 2, record: number + 1)
            for column in 0..<(rows.first?.count ?? 0) {
                record.append(.string, bytes: Array((column < row.count ? row[column] : "").utf8))
            }
            for (slot, column) in columns.enumerated() {
                record.slots[slot] = column < 0 ? 0..<0 : column..<(column + 1)
            }
            sink.accept(record)
        }
    }
}
