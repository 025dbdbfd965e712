import Foundation
import Yams

extension MappingCompiler {
    static let headerKeys = [
        "connectorType", "connectorId", "connectorVersion", "lxVersion", "lxWorkspace", "description",
        "processingDirection", "processingMode", "customFields",
    ]
    static let sourceKeys = ["format", "delimiter", "header", "columns", "encoding", "records", "trim"] + workbookKeys

    func compileHeader(_ node: Node?, root: Node) -> LDIFHeader? {
        guard let node else {
            report(root, "ldif", "the mapping has no 'ldif:' section (connectorType, connectorId, connectorVersion)")
            return nil
        }
        guard let fields = mapping(node, at: "ldif") else { return nil }
        checkKeys(fields, allowed: Self.headerKeys, at: "ldif")
        func required(_ key: String) -> String {
            guard let value = scalar(fields[key], at: "ldif.\(key)") else {
                report(
                    node, "ldif.\(key)",
                    "'\(key)' is required: it must match a processor configuration in the workspace")
                return ""
            }
            checkLength(value, fields[key], "ldif.\(key)")
            return value
        }
        var header = LDIFHeader(
            connectorType: required("connectorType"), connectorId: required("connectorId"),
            connectorVersion: required("connectorVersion"))
        if let version = scalar(fields["lxVersion"], at: "ldif.lxVersion") { header.lxVersion = version }
        header.lxWorkspace = scalar(fields["lxWorkspace"], at: "ldif.lxWorkspace")
        if let workspace = header.lxWorkspace, UUID(uuidString: workspace) == nil {
            report(
                fields["lxWorkspace"], "ldif.lxWorkspace",
                "'\(workspace.prefix(80))' is not a workspace id: give the workspace's UUID "
                    + "(Administration > API Tokens shows it), or leave lxWorkspace out")
        }
        if let description = scalar(fields["description"], at: "ldif.description") {
            checkLength(description, fields["description"], "ldif.description")
            header.description = description
        }
        if let direction = scalar(fields["processingDirection"], at: "ldif.processingDirection") {
            if direction != "inbound" {
                report(
                    fields["processingDirection"], "ldif.processingDirection",
                    "ldifbulk writes inbound LDIF only; remove the key or set it to inbound")
            }
        }
        if let mode = enumValue(fields["processingMode"], at: "ldif.processingMode", allowed: ["partial", "full"]) {
            header.processingMode = mode
        }
        if let custom = fields["customFields"] {
            if custom.mapping == nil {
                report(custom, "ldif.customFields", "customFields must be a mapping (any JSON object)")
            }
            var out: [UInt8] = []
            Self.writeJSON(custom, to: &out)
            header.customFields = String(decoding: out, as: UTF8.self)
        }
        return header
    }

    func checkLength(_ value: String, _ node: Node?, _ path: String) {
        if value.utf16.count > 500 {
            report(node, path, "the API accepts at most 500 characters here (this has \(value.utf16.count))")
        }
    }

    func compileSource(_ node: Node?) -> SourceOptions {
        var options = SourceOptions()
        guard let node, let fields = mapping(node, at: "source") else { return options }
        checkKeys(fields, allowed: Self.sourceKeys, at: "source")
        options.format = enumValue(fields["format"], at: "source.format", allowed: knownFormats)
        if let delimiter = scalar(fields["delimiter"], at: "source.delimiter") {
            switch delimiter {
            case "auto": options.delimiter = .auto
            case ",", ";", "|", "\t": options.delimiter = .byte(delimiter.utf8.first!)
            case "tab", "\\t": options.delimiter = .byte(0x09)
            default:
                report(
                    fields["delimiter"], "source.delimiter",
                    "'\(delimiter)' is not a supported delimiter: use \",\", \";\", \"|\", tab or auto")
            }
        }
        if let header = fields["header"] {
            if let flag = header.bool {
                options.header = flag
            } else {
                report(header, "source.header", "header must be true or false")
            }
        }
        if let trim = fields["trim"] {
            if let flag = trim.bool {
                options.trim = flag
            } else {
                report(trim, "source.trim", "trim must be true or false")
            }
        }
        if let columns = fields["columns"], let list = sequence(columns, at: "source.columns") {
            options.columns = list.enumerated().compactMap { scalar($1, at: "source.columns[\($0)]") }
            var seen: [String: Int] = [:]
            for (index, name) in (options.columns ?? []).enumerated() where options.columns?.count == list.count {
                if name.isEmpty {
                    report(list[index], "source.columns[\(index)]", "a column name must not be empty")
                } else if let first = seen[name] {
                    report(
                        list[index], "source.columns[\(index)]",
                        "'\(name)' names column \(first + 1) already: every column needs a name of its own")
                } else {
                    seen[name] = index
                }
            }
            if options.header, fields["header"] != nil {
                report(
                    columns, "source.columns",
                    "columns names the fields of a file without a header row: set header: false")
            } else {
                options.header = false
            }
        }
        if let encoding = enumValue(
            fields["encoding"], at: "source.encoding", allowed: SourceOptions.Encoding.allCases.map(\.rawValue))
        {
            options.encoding = SourceOptions.Encoding(rawValue: encoding)!
        }
        options.records = scalar(fields["records"], at: "source.records")
        compileWorkbookKeys(fields, into: &options, at: "source")
        return options
    }

    /// Writes a YAML node as JSON: plain numbers, booleans and nulls keep their type.
    static func writeJSON(_ node: Node, to out: inout [UInt8]) {
        switch node {
        case .mapping(let mapping):
            out.append(UInt8(ascii: "{"))
            for (index, pair) in mapping.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONBytes.appendString(pair.key.string ?? "", to: &out)
                out.append(UInt8(ascii: ":"))
                writeJSON(pair.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .sequence(let sequence):
            out.append(UInt8(ascii: "["))
            for (index, element) in sequence.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeJSON(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .scalar(let scalar):
            out.append(contentsOf: literalJSON(scalar) ?? Array(JSONBytes.quoted(scalar.string).utf8))
        default:
            out.append(contentsOf: "null".utf8)
        }
    }

    /// The JSON text of a plain YAML number, boolean or null; nil for strings.
    static func literalJSON(_ scalar: Node.Scalar) -> [UInt8]? {
        guard scalar.style == .plain || scalar.style == .any else { return nil }
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .bool: return node.bool.map { Array(($0 ? "true" : "false").utf8) }
        case .null: return Array("null".utf8)
        case .int, .float: return NumberText.normalized(scalar.string).map { Array($0.utf8) }
        default: return nil
        }
    }
}
