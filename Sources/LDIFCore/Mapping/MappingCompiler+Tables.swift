import Foundation
import Yams

extension MappingCompiler {
    static let lookupKeys = ["file", "key", "value", "delimiter", "encoding", "format"] + workbookKeys

    func compileMaps(_ node: Node) {
        guard let entries = mapping(node, at: "maps") else { return }
        for (nameNode, body) in entries {
            let name = nameNode.string ?? ""
            guard let pairs = mapping(body, at: "maps.\(name)") else { continue }
            var table: [String: String] = [:]
            var fallback: String?
            for (key, value) in pairs {
                guard let text = scalar(value, at: "maps.\(name).\(key.string ?? "")") else { continue }
                if key.string == "*" { fallback = text } else { table[key.string ?? ""] = text }
            }
            maps[name] = ValueMap(entries: table, fallback: fallback)
        }
    }

    func compileLookups(_ node: Node, source: SourceOptions) {
        guard let entries = mapping(node, at: "lookups") else { return }
        for (nameNode, body) in entries {
            let name = nameNode.string ?? ""
            let path = "lookups.\(name)"
            guard let fields = mapping(body, at: path) else { continue }
            checkKeys(fields, allowed: Self.lookupKeys, at: path)
            guard let fileName = scalar(fields["file"], at: "\(path).file"),
                let key = scalar(fields["key"], at: "\(path).key"),
                let value = scalar(fields["value"], at: "\(path).value")
            else {
                report(
                    body, path, "a lookup needs file, key and value: { file: owners.csv, key: user_id, value: email }")
                continue
            }
            var options = SourceOptions()
            options.format = enumValue(fields["format"], at: "\(path).format", allowed: knownFormats)
            if let delimiter = scalar(fields["delimiter"], at: "\(path).delimiter") {
                options.delimiter =
                    delimiter == "auto" ? .auto : .byte(delimiter == "tab" ? 0x09 : delimiter.utf8.first ?? 0x2C)
            }
            if let encoding = scalar(fields["encoding"], at: "\(path).encoding") {
                options.encoding = SourceOptions.Encoding(rawValue: encoding) ?? .utf8
            }
            compileWorkbookKeys(fields, into: &options, at: path)
            lookups[name] = loadLookup(name: name, file: fileName, key: key, value: value, options: options, node: body)
        }
    }

    private func loadLookup(
        name: String, file fileName: String, key: String, value: String, options: SourceOptions, node: Node
    ) -> LookupTable {
        let path = fileName.hasPrefix("/") || directory.isEmpty ? fileName : "\(directory)/\(fileName)"
        let input = InputFile(name: path, path: path)
        let format = options.format(for: input)
        guard let factory = importers.first(where: { $0.formats.contains(format) }) else {
            report(node, "lookups.\(name).file", "no importer for format '\(format)'")
            return LookupTable(file: path, entries: [:])
        }
        do {
            // A pipe or FIFO gives its bytes once, and an importer may open its input more than once.
            var input = input
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
                input = try InputFile.prepared(path)
            }
            defer { input.removeCopy() }
            let importer = try factory.open(input, options: options)
            let problems = importer.bind([FieldPath(key), FieldPath(value)])
            for problem in problems {
                report(node, "lookups.\(name).\(problem.pathIndex == 0 ? "key" : "value")", problem.message)
            }
            guard problems.isEmpty else { return LookupTable(file: path, entries: [:]) }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let sink = LookupSink(file: path, expectedBytes: size)
            try importer.read(into: sink)
            for finding in sink.findings.prefix(5) {
                report(node, "lookups.\(name)", "\(finding.location?.description ?? path): \(finding.message)")
            }
            for message in sink.conflicts.prefix(5) { report(node, "lookups.\(name)", message) }
            if sink.conflicts.count > 5 {
                report(
                    node, "lookups.\(name)", "\(sink.conflicts.count - 5) more keys appear twice with different values")
            }
            return LookupTable(file: path, table: sink.table)
        } catch {
            report(node, "lookups.\(name).file", "\(error)")
            return LookupTable(file: path, entries: [:])
        }
    }
}
