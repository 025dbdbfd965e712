import IntegrationWire
import LDIFCore

/// Joins a run's ERROR warnings back to the items of its chunk, and so to their source rows.
///
/// A warning names an item by its id. Within one chunk an id is normally
/// unique; where items of several types share it, the type named in the
/// warning's text picks among them, and failing that every candidate is
/// reported, so that no refused item is lost.
struct WarningJoiner {
    let chunk: Int
    private let byId: [String: [ItemSource]]

    init(chunk: Int, sources: [ItemSource]) {
        self.chunk = chunk
        byId = Dictionary(grouping: sources, by: \.id)
    }

    /// One item error per ERROR warning (per candidate item where the id is shared).
    func itemErrors(_ warnings: [RunWarning]) -> [ItemError] {
        warnings.filter { $0.status == .error }.flatMap(itemErrors(for:))
    }

    private func itemErrors(for warning: RunWarning) -> [ItemError] {
        let id = warning.content ?? ""
        let message = [warning.message, warning.detail].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        let text = message.isEmpty ? "refused by the server (no message)" : message
        let candidates = candidates(for: id, warning: warning)
        guard !candidates.isEmpty else {
            return [
                ItemError(
                    chunk: chunk, type: nil, id: id, source: nil, rule: nil, message: text, category: warning.category)
            ]
        }
        return candidates.map { item in
            ItemError(
                chunk: chunk, type: item.type, id: item.id,
                source: ItemError.Source(
                    file: item.file, line: item.line, record: item.record, pointer: item.pointer, sheet: item.sheet),
                rule: item.rule, message: text, category: warning.category)
        }
    }

    private func candidates(for id: String, warning: RunWarning) -> [ItemSource] {
        let items = byId[id] ?? []
        guard items.count > 1 else { return items }
        let said = [warning.processor?.name, warning.message, warning.detail, warning.category]
            .compactMap { $0?.lowercased() }.joined(separator: " ")
        let named = items.filter { said.contains($0.type.lowercased()) }
        return named.isEmpty ? items : named
    }
}
