/// Renders entry names as an indented tree (what `list` prints on a terminal).
package enum EntryTree {
    /// Lines of the tree for sorted or unsorted `names`, with box-drawing branches.
    package static func render(_ names: [String]) -> [String] {
        let root = Node()
        for name in names.sorted() {
            var node = root
            for part in name.split(separator: "/").map(String.init) {
                if let child = node.children.first(where: { $0.name == part }) {
                    node = child
                } else {
                    let child = Node(name: part)
                    node.children.append(child)
                    node = child
                }
            }
            node.isEntry = true
        }
        var lines: [String] = []
        for (index, child) in root.children.enumerated() {
            draw(child, indent: "", isLast: index == root.children.count - 1, into: &lines)
        }
        return lines
    }

    private final class Node {
        let name: String
        var children: [Node] = []
        var isEntry = false
        init(name: String = "") { self.name = name }
    }

    private static func draw(_ node: Node, indent: String, isLast: Bool, into lines: inout [String]) {
        let label = node.children.isEmpty || node.isEntry ? node.name : node.name + "/"
        lines.append(indent + (isLast ? "└── " : "├── ") + label)
        let childIndent = indent + (isLast ? "    " : "│   ")
        for (index, child) in node.children.enumerated() {
            draw(child, indent: childIndent, isLast: index == node.children.count - 1, into: &lines)
        }
    }
}
