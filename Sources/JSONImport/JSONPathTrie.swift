import Foundation

/// The bound field paths as a tree over steps: node 0 is the record value.
///
/// A value inside a record is at a set of nodes (usually one, none when no
/// path leads there; `*` next to an index can make it two), kept in a pool
/// by the parser. A value at a node with slots is a match for those slots.
struct JSONPathTrie: Sendable {
    struct Edge: Sendable {
        var keyStart: Int
        var keyCount: Int
        /// The array index the step names, or -1.
        var index: Int
        var node: Int32
    }

    struct Node: Sendable {
        var edges: [Edge] = []
        /// The node reached by `*`, or -1.
        var any: Int32 = -1
        /// Slots whose path ends here.
        var slots: [Int32] = []
    }

    private(set) var nodes: [Node] = [Node()]
    /// Every edge's key, end to end.
    private var keys: [UInt8] = []

    /// Adds a path as the source of `slot`.
    mutating func add(_ steps: [JSONStep], slot: Int) {
        var node = 0
        for step in steps {
            node = Int(child(of: node, step: step))
        }
        nodes[node].slots.append(Int32(slot))
    }

    private mutating func child(of node: Int, step: JSONStep) -> Int32 {
        switch step {
        case .any:
            if nodes[node].any < 0 {
                nodes.append(Node())
                nodes[node].any = Int32(nodes.count - 1)
            }
            return nodes[node].any
        case .key(let key, let index):
            for edge in nodes[node].edges
            where edge.keyCount == key.count && keys[edge.keyStart..<(edge.keyStart + edge.keyCount)].elementsEqual(key)
            {
                return edge.node
            }
            nodes.append(Node())
            let created = Int32(nodes.count - 1)
            nodes[node].edges.append(Edge(keyStart: keys.count, keyCount: key.count, index: index ?? -1, node: created))
            keys.append(contentsOf: key)
            return created
        }
    }

    /// Appends to `pool` the nodes reached from `node` by the member key `key`.
    @inline(__always)
    func follow(_ node: Int32, key: UnsafeBufferPointer<UInt8>, into pool: inout [Int32]) {
        let entry = nodes[Int(node)]
        if !entry.edges.isEmpty {
            keys.withUnsafeBufferPointer { keys in
                for edge in entry.edges where edge.keyCount == key.count {
                    if key.count == 0 || memcmp(keys.baseAddress! + edge.keyStart, key.baseAddress!, key.count) == 0 {
                        pool.append(edge.node)
                    }
                }
            }
        }
        if entry.any >= 0 { pool.append(entry.any) }
    }

    /// Appends to `pool` the nodes reached from `node` by the array index `index`.
    @inline(__always)
    func follow(_ node: Int32, index: Int, into pool: inout [Int32]) {
        let entry = nodes[Int(node)]
        for edge in entry.edges where edge.index == index {
            pool.append(edge.node)
        }
        if entry.any >= 0 { pool.append(entry.any) }
    }
}
