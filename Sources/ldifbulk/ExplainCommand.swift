import ArgumentParser
import Foundation
import LDIFCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how the mapping turns one record into items: the mapping's debugger.",
        discussion:
            "For the Nth record of INPUT: every field the mapping reads, each item rule's conditions, and for every data field the template, the raw values and the result."
    )

    @Option(name: .long, help: "The mapping file (YAML).")
    var mapping: String

    @Option(name: .long, help: "Which record to explain (1-based, in file order).")
    var record = 1

    @Argument(help: "The input file.")
    var input: String

    func validate() throws {
        if record < 1 { throw ValidationError("--record must be at least 1") }
    }

    func run() throws {
        do {
            let plan = try MappingLoader(importers: Importers.all).load(path: mapping)
            var options = plan.source
            let file = try InputFile.prepared(input)
            defer { file.removeCopy() }
            let format = options.format(for: file)
            options.format = format
            guard let factory = Importers.all.first(where: { $0.formats.contains(format) }) else {
                throw ConversionError(.input, "\(input): no importer reads format '\(format)'")
            }
            let importer = try factory.open(file, options: options)
            let problems = plan.diagnostics(for: importer.bind(plan.paths))
            if !problems.isEmpty { throw MappingError(problems) }
            let picker = RecordPicker(record: record)
            try importer.read(into: picker)
            if let picked = picker.picked {
                for line in Explainer(plan: plan).explain(picked) { try Terminal.output(line) }
                return
            }
            if let rejection = picker.rejection {
                try Terminal.output("record \(record) is rejected before the mapping: \(rejection.line)")
                throw ExitStatus.findings.exitCode
            }
            throw ConversionError(
                .usage, "\(input) has \(picker.seen) record\(picker.seen == 1 ? "" : "s"); there is no record \(record)"
            )
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitStatus.report(error).exitCode
        }
    }
}
