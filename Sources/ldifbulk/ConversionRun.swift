import Foundation
import LDIFCore

/// Loads the mapping, converts, prints the summary, and decides the exit status.
struct ConversionRun {
    var arguments: ConversionArguments
    var options: ConversionOptions

    func execute() -> ExitStatus {
        var options = self.options
        options.maxFieldBytes = arguments.maxFieldBytes
        do {
            let plan = try MappingLoader(importers: Importers.all).load(path: arguments.mapping)
            let reporter = FindingReporter(maxPrinted: arguments.maxFindings)
            let converter = Converter(
                plan: plan, inputs: arguments.inputs, importers: Importers.all, options: options, reporter: reporter)
            let result = try converter.run()
            Terminal.error(Self.summary(result, options: options))
            return ExitStatus.of(result, strict: arguments.strict)
        } catch var error as MappingError {
            error.diagnostics += Self.columnProblems(of: error.partialPlan, inputs: arguments.inputs)
            return ExitStatus.report(error)
        } catch {
            return ExitStatus.report(error)
        }
    }

    /// Unknown columns of a mapping that failed to load, so that one run reports every problem.
    static func columnProblems(of plan: MappingPlan?, inputs: [String]) -> [MappingDiagnostic] {
        guard let plan else { return [] }
        let files = inputs.filter { $0 != "-" && FileManager.default.isReadableFile(atPath: $0) }.map {
            InputFile(name: $0, path: $0)
        }
        return
            (try? Converter.bindingDiagnostics(plan: plan, files: files, importers: Importers.all, maxFieldBytes: nil))
            ?? []
    }

    static func summary(_ result: ConversionResult, options: ConversionOptions) -> String {
        let totals = result.totals
        var lines = [
            "records: \(totals.recordsRead) read, \(totals.recordsEmitted) emitted, "
                + "\(totals.recordsFiltered) filtered, \(totals.recordsRejected) rejected"
        ]
        var items = "items: \(totals.itemsEmitted) emitted"
        if totals.itemsRejected > 0 { items += ", \(totals.itemsRejected) rejected" }
        if case .directory(let directory) = options.output {
            items +=
                " in \(totals.chunks) chunk\(totals.chunks == 1 ? "" : "s") (\(Terminal.bytes(totals.bytes))) → \(directory)/"
        }
        lines.append(items)
        var findings =
            "findings: \(result.findings.error) error\(result.findings.error == 1 ? "" : "s"), "
            + "\(result.findings.warning) warning\(result.findings.warning == 1 ? "" : "s")"
        if case .directory(let directory) = options.output, result.findings.error + result.findings.warning > 0 {
            findings += " (all in \(directory)/findings.jsonl)"
        }
        lines.append(findings)
        return lines.joined(separator: "\n")
    }
}
