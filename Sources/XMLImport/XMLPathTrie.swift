/// The bound field paths as a tree over element names.
///
/// Node 0 is the record element. Walking a record's elements moves down the
/// tree; an element whose name leads nowhere has node ``none`` and so does
/// everything below it, which makes unmapped parts of a record cheap.
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

    struct Node: Sendable {
        var children: [Edge] = []
        /// Slots that take the text of the element at this node.
        var textSlots: [Int32] = []
        /// Slots that take an attribute of the element at this node.
        var attributes: [Attribute] = []
    }

    private(set) var nodes: [Node] = [Node()]

    /// Adds `path` as the source of `slot`.
    mutating func add(_ path: XMLFieldPath, slot: Int, names: inout XMLNameTable) {
        var node: Int32 = 0
        for element in path.elements {
            let name = names.intern(element)
            if let edge = nodes[Int(node)].children.first(where: { $0.name == name }) {
                node = edge.node
            } else {
                nodes.append(Node())
                let created = Int32(nodes.count - 1)
                nodes[Int(node)].children.append(Edge(name: name, node: created))
                node = created
            }
        }
        if let attribute = path.attribute {
            nodes[Int(node)].attributes.append(Attribute(name: names.intern(attribute), slot: Int32(slot)))
        } else {
            nodes[Int(node)].textSlots.append(Int32(slot))
        }
    }

    /// The node of a child element named `name` under `node`, or ``none``.
    @inline(__always)
    func child(of node: Int32, named name: Int32) -> Int32 {
        guard node >= 0, name >= 0 else { return Self.none }
        for edge in nodes[Int(node)].children where edge.name == name {
            return edge.node
        }
        return Self.none
    }
}
