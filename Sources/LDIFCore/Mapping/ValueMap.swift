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
public struct LookupTable: Sendable {
    public var file: String
    public var entries: [String: String]

    public init(file: String, entries: [String: String]) {
        self.file = file
        self.entries = entries
    }
}
