import Foundation
import LDIFCore

/// Loads the mapping, converts, prints the summary, and decides the exit status.
struct ConversionRun {
    /// The mapping file to load.
    var mapping: String
    /// The inputs as named on the command line.
    var inputs: [String]
    /// The files to read instead, when the names are not the paths (a recorded conversion's).
    var files: [InputFile]?
    var maxFieldBytes: Int?
    var strict: Bool
    var maxFindings: Int
    var options: ConversionOptions
    /// Called with the loaded mapping before anything is converted (`run` records its lookup tables).
    var planLoaded: ((MappingPlan) throws -> Void)?

    init(arguments: ConversionArguments, options: ConversionOptions) {
        mapping = arguments.mapping
        inputs = arguments.inputs
        maxFieldBytes = arguments.maxFieldBytes
        strict = arguments.strict
        maxFindings = arguments.maxFindings
        self.options = options
    }

    /// The conversion `job` records, into `directory`, with its conversion id.
    init(job: ConversionJob, directory: String) {
        mapping = job.mapping.path
        inputs = job.inputs.map(\.name)
        files = job.inputFiles
        maxFieldBytes = job.options.maxFieldBytes
        strict = job.options.strict
        maxFindings = job.options.maxFindings
        options = job.conversionOptions(directory: directory, toolVersion: LDIFBulk.version)
    }

    func execute() -> ExitStatus {
        var options = self.options
        options.maxFieldBytes = maxFieldBytes
        let printer = ConversionProgressPrinter(live: Terminal.errorIsTerminal)
        options.progress = printer.progress
        defer { printer.finish() }
        do {
            let plan = try MappingLoader(importers: Importers.all).load(path: mapping)
            try planLoaded?(plan)
            let reporter = FindingReporter(maxPrinted: maxFindings, print: printer.print)
            let converter =
                if let files {
                    Converter(plan: plan, files: files, importers: Importers.all, options: options, reporter: reporter)
                } else {
                    Converter(
                        plan: plan, inputs: inputs, importers: Importers.all, options: options, reporter: reporter)
                }
            let result = try converter.run()
            Terminal.error(Self.summary(result, options: options))
            return ExitStatus.of(result, strict: strict)
        } catch var error as MappingError {
            error.diagnostics += Self.columnProblems(of: error.partialPlan, files: files ?? Self.readable(inputs))
            return ExitStatus.report(error)
        } catch {
            return ExitStatus.report(error)
        }
    }

    /// The inputs that can be read for a second look (not standard input or a pipe: those give their bytes once).
    static func readable(_ inputs: [String]) -> [InputFile] {
        inputs.filter {
            $0 != "-" && InputFile.isRegularFile(atPath: $0) && FileManager.default.isReadableFile(atPath: $0)
        }.map {
            InputFile(name: $0, path: $0)
        }
    }

    /// Unknown columns of a mapping that failed to load, so that one run reports every problem.
    static func columnProblems(of plan: MappingPlan?, files: [InputFile]) -> [MappingDiagnostic] {
        guard let plan else { return [] }
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
