import BoundedRegex
import Foundation
import IntegrationWire

/// The per-item rules of the emulator: which items end as ERROR warnings and
/// which item poisons its whole run.
struct ItemRules: Sendable {
    private let reject: Pattern?
    private let fail: Pattern?

    /// - Throws: when a pattern is not a valid regular expression.
    init(rejectIdPattern: String?, failIdPattern: String?) throws {
        reject = try rejectIdPattern.map(Pattern.init)
        fail = try failIdPattern.map(Pattern.init)
    }

    /// Whether a type names a relation rather than a fact sheet: it starts
    /// with "rel" or contains "relation", in any case (`relAppToITC`,
    /// `ApplicationRelation`). Relations carry no `name`, so the name rule
    /// leaves them alone.
    static func isRelation(_ type: String) -> Bool {
        let lower = type.lowercased()
        return lower.hasPrefix("rel") || lower.contains("relation")
    }

    /// The ERROR warning for an item, or nil when it passes.
    func warning(for item: LDIFSubmission.Item) -> RunWarning? {
        if let reject, reject.matches(item.id) {
            return Self.error(
                item, message: "Item refused", detail: "id \"\(item.id)\" matches the emulator's --reject-id rule",
                category: "VALIDATION")
        }
        if item.name == nil, !Self.isRelation(item.type) {
            return Self.error(
                item, message: "Fact sheet name is missing",
                detail: "\(item.type) \(item.id) has no data.name; a fact sheet cannot be created without a name",
                category: "FACT_SHEET_CREATION")
        }
        return nil
    }

    /// Whether the item poisons its run (`--fail-id`).
    func poisons(_ item: LDIFSubmission.Item) -> Bool {
        fail?.matches(item.id) ?? false
    }

    private static func error(
        _ item: LDIFSubmission.Item, message: String, detail: String, category: String
    ) -> RunWarning {
        RunWarning(
            processor: ProcessorReference(name: "emulator", index: 0), content: item.id, message: message,
            detail: detail, category: category, status: .error)
    }
}

/// A compiled regular expression, searched anywhere in the text, with a bound on the work of each
/// search (as the mapping's regexes): an id on which the search gives up does not match.
private struct Pattern: Sendable {
    let expression: BoundedRegex

    init(_ pattern: String) throws {
        expression = try BoundedRegex(pattern)
    }

    func matches(_ text: String) -> Bool {
        if case .match = expression.search(text) { return true }
        return false
    }
}
