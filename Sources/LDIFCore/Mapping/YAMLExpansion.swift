import Yams

/// Bounds what a mapping's YAML stands for once its aliases are expanded.
///
/// Yams resolves an alias (`*name`) to the node its anchor (`&name`) marks, so the tree
/// the compiler walks can be far larger than the text: nine anchors of nine aliases each
/// (a "billion laughs") fit in 700 bytes and stand for 387 million nodes. Without aliases a
/// node needs at least one character of text, so the bound is a multiple of the file's size:
/// room for ordinary reuse of anchored blocks, none for exponential growth. Counting stops at
/// the bound, so the check itself costs no more than the bound.
enum YAMLExpansion {
    /// The most nodes a mapping may expand to: this many per byte of YAML text, plus ``baseNodes``.
    static let nodesPerByte = 8
    static let baseNodes = 10_000

    /// The bound for a mapping of `bytes` bytes.
    static func limit(forBytes bytes: Int) -> Int {
        let (product, overflow) = bytes.multipliedReportingOverflow(by: nodesPerByte)
        return overflow ? Int.max : product + baseNodes
    }

    /// The line of the node at which the count passed `limit`, or nil when the tree stays within it.
    static func overflow(of root: Node, limit: Int) -> Int? {
        var stack: [Node] = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > limit { return node.mark?.line ?? 1 }
            switch node {
            case .scalar, .alias:
                break
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            }
        }
        return nil
    }
}
