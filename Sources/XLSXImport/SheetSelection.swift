import LDIFCore

/// Which sheets of a workbook the mapping's `sheet:` names, in the order it names them.
enum SheetSelection {
    /// The sheets `names` selects: a name that exists wins over a number; `"*"` is every sheet;
    /// none given is the first sheet in workbook order.
    ///
    /// - Throws: ``ConversionError`` (`.mapping`) for a sheet the workbook does not have, listing the ones it has.
    static func select(_ names: [String]?, from sheets: [WorkbookSheet], file: String) throws(ConversionError)
        -> [WorkbookSheet]
    {
        guard let names, !names.isEmpty else { return Array(sheets.prefix(1)) }
        var chosen: [WorkbookSheet] = []
        for name in names {
            let found: [WorkbookSheet]
            if name == "*" {
                found = sheets
            } else if let sheet = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
            {
                found = [sheet]
            } else if let number = Int(name), number >= 1, number <= sheets.count {
                found = [sheets[number - 1]]
            } else {
                let listed = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
                let numbers = sheets.count == 1 ? "the number 1" : "a number from 1 to \(sheets.count)"
                throw ConversionError(
                    .mapping,
                    "\(file) has no sheet '\(name)'\(Suggestion.hint(for: name, in: sheets.map(\.name))); "
                        + "its sheets are \(listed) (set source.sheet to a name, \(numbers), or \"*\")"
                )
            }
            for sheet in found where !chosen.contains(sheet) { chosen.append(sheet) }
        }
        return chosen
    }
}
