/// The bound field paths as a tree over element names.
///
/// Node 0 is the record element. Walking a record's elements moves down the
/// tree; an element whose name leads nowhere has node ``none`` and so does
/// everything below it, which makes unmapped parts of a record cheap. The
/// tree is stored flat (plain values only), so that walking it costs no
/// reference counting.
struct XMLPathTrie: Sendable {
    static let none: Int32 = -1

    struct Edge: Sendable {
        var name: Int32
        var node: Int32
    }

    struct Attribute: Sendable {
        var name: Int32
        var slot: Int32
    }

    /// A node: its edges, text slots and attribute slots, as ranges of the flat arrays.
    struct Node: Sendable {
        var edgeStart: Int32 = 0
        var edgeCount: Int32 = 0
        var slotStart: Int32 = 0
        var slotCount: Int32 = 0
        var attributeStart: Int32 = 0
        var attributeCount: Int32 = 0
    }

    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []
    /// Slots that take the text of the element at a node.
    private(set) var slots: [Int32] = []
    /// Slots that take an attribute of the element at a node.
    private(set) var attributes: [Attribute] = []

    /// Builds the tree of `paths`, each the source of the slot of its index (nil: not bound).
    init(_ paths: [XMLFieldPath?], names: inout XMLNameTable) {
        var children: [[Edge]] = [[]]
        var texts: [[Int32]] = [[]]
        var attributeLists: [[Attribute]] = [[]]
        for (slot, path) in paths.enumerated() {
            guard let path else { continue }
            var node = 0
            for element in path.elements {
                let name = names.intern(element)
                if let edge = children[node].first(where: { $0.name == name }) {
                    node = Int(edge.node)
                } else {
                    children.append([])
                    texts.append([])
                    attributeLists.append([])
                    children[node].append(Edge(name: name, node: Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            if let attribute = path.attribute {
                attributeLists[node].append(Attribute(name: names.intern(attribute), slot: Int32(slot)))
            } else {
                texts[node].append(Int32(slot))
            }
        }
        for index in children.indices {
            nodes.append(
                Node(
                    edgeStart: Int32(edges.count), edgeCount: Int32(children[index].count),
                    slotStart: Int32(slots.count), slotCount: Int32(texts[index].count),
                    attributeStart: Int32(attributes.count), attributeCount: Int32(attributeLists[index].count)))
            edges += children[index]
            slots += texts[index]
            attributes += attributeLists[index]
        }
    }

    /// The node of a child element named `name` under `node`, or ``none``.
    @inline(__always)
    func child(of node: Int32, named name: Int32) -> Int32 {
        guard node >= 0, name >= 0 else { return Self.none }
        let entry = nodes[Int(node)]
        var index = Int(entry.edgeStart)
        let end = index + Int(entry.edgeCount)
        while index < end {
            if edges[index].name == name { return edges[index].node }
            index += 1
        }
        return Self.none
    }
}
