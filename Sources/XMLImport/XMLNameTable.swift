import CLibXML2

/// The element and attribute names that record and field paths mention, each with a small id.
///
/// Paths are compiled to ids once; while reading, a name from libxml2 is
/// turned into an id by its pointer alone. libxml2's reader interns every
/// element and attribute name in its dictionary, and
/// `xmlTextReaderConstString` hands out the same pointers for our names, so
/// one pointer comparison replaces a string comparison per element.
struct XMLNameTable: Sendable {
    /// The id of a name no path mentions.
    static let unknown: Int32 = -1
    /// The id of `*` in a record path: any name.
    static let any: Int32 = -2

    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// The id of `name`, adding it when new.
    mutating func intern(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }
}

/// Finds the id of a name by the pointer libxml2's reader gives for it.
///
/// An open-addressing table from interned pointer to id, built for one reader
/// (pointers are only meaningful within the reader whose dictionary made them).
struct XMLNameLookup {
    private var keys: [UInt]
    private var values: [Int32]
    private let mask: Int

    init(table: XMLNameTable, reader: XMLTextReader) {
        var size = 16
        while size < table.names.count * 4 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: XMLNameTable.unknown, count: size)
        mask = size - 1
        for (id, name) in table.names.enumerated() {
            guard let pointer = reader.interned(name) else { continue }
            let key = UInt(bitPattern: pointer)
            var slot = Self.slot(of: key, mask: mask)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = Int32(id)
        }
    }

    @inline(__always)
    private static func slot(of key: UInt, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The id of the interned name at `pointer`, or ``XMLNameTable/unknown``.
    @inline(__always)
    func id(of pointer: UnsafePointer<UInt8>?) -> Int32 {
        guard let pointer else { return XMLNameTable.unknown }
        let key = UInt(bitPattern: pointer)
        var slot = Self.slot(of: key, mask: mask)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return XMLNameTable.unknown }
            slot = (slot + 1) & mask
        }
    }
}
