/// A value map from the mapping's `maps:` section: `{ "1": missionCritical, "*": other }`.
public struct ValueMap: Sendable {
    public var entries: [String: String]
    /// The `"*"` entry: the answer for every value not listed.
    public var fallback: String?

    public init(entries: [String: String], fallback: String?) {
        self.entries = entries
        self.fallback = fallback
    }

    public func callAsFunction(_ key: String) -> String? {
        entries[key] ?? fallback
    }
}

/// A lookup table from the mapping's `lookups:` section, read once from a file.
///
/// Kept compactly (see ``ByteTable``): keys match byte for byte.
public struct LookupTable: Sendable {
    public var file: String
    let table: ByteTable

    init(file: String, table: ByteTable) {
        self.file = file
        self.table = table
    }

    /// A table of these entries (for tests and callers that build one in memory).
    public init(file: String, entries: [String: String]) {
        self.init(file: file, table: ByteTable(entries))
    }

    /// The number of keys.
    public var count: Int { table.count }

    /// The value of `key`, nil when the file has no such key.
    public func value(for key: String) -> String? {
        table.value(for: key)
    }
}
