extension KeyedDecodingContainer {
    /// The value under `key`, or nil when it is missing, null or of another
    /// type: the server may add, drop or retype optional fields, and one odd
    /// field must not make a whole answer unreadable.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }

    /// An integer under `key`, also when the server sends it as `12.0` or `"12"`.
    func lenientInt(_ key: Key) -> Int? {
        if let value = lenient(Int.self, key) { return value }
        if let value = lenient(Double.self, key), value.isFinite, value.rounded() == value,
            abs(value) < 9.0e15
        {
            return Int(value)
        }
        if let text = lenient(String.self, key) { return Int(text) }
        return nil
    }
}
