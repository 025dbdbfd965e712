import Yams

/// The `source:` keys of workbook inputs: `sheet`, `headerRow`, `firstDataRow`.
extension MappingCompiler {
    static let workbookKeys = ["sheet", "headerRow", "firstDataRow"]

    /// Reads the workbook keys of `fields` (a `source:` section or a lookup) into `options`.
    func compileWorkbookKeys(_ fields: Node.Mapping, into options: inout SourceOptions, at path: String) {
        if let sheet = fields["sheet"] {
            if let list = sheet.sequence {
                let names = list.enumerated().compactMap { scalar($1, at: "\(path).sheet[\($0)]") }
                if names.isEmpty { report(sheet, "\(path).sheet", "sheet lists no sheets: name one, or use \"*\"") }
                options.sheets = names
            } else if let name = scalar(sheet, at: "\(path).sheet") {
                options.sheets = [name]
            }
        }
        if let row = positive(fields["headerRow"], at: "\(path).headerRow") { options.headerRow = row }
        if let row = positive(fields["firstDataRow"], at: "\(path).firstDataRow") {
            options.firstDataRow = row
            if options.header, row <= options.headerRow {
                report(
                    fields["firstDataRow"], "\(path).firstDataRow",
                    "firstDataRow (\(row)) must come after headerRow (\(options.headerRow)), or set header: false")
            }
        }
        if fields["headerRow"] != nil, !options.header {
            report(
                fields["headerRow"], "\(path).headerRow", "headerRow needs a header row: remove it, or set header: true"
            )
        }
    }

    private func positive(_ node: Node?, at path: String) -> Int? {
        guard let node else { return nil }
        guard let text = scalar(node, at: path), let value = Int(text), value >= 1 else {
            report(node, path, "\(path.split(separator: ".").last ?? "") must be a row number, 1 or more")
            return nil
        }
        return value
    }
}
