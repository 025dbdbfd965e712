import Foundation

/// Reads every input through its importer, builds items with the plan, and
/// hands them to the chunk writer (or standard output, or nowhere for `validate`).
///
/// Every record read ends in exactly one state: emitted, filtered or rejected.
/// Later phases read the inputs again instead of holding items in memory.
public final class Converter: RecordSink {
    let plan: MappingPlan
    let inputNames: [String]
    let importers: [any ImporterFactory]
    let options: ConversionOptions
    let reporter: FindingReporter
    let notes: (String) -> Void
    let builder: ItemBuilder
    /// Files to read as they are, instead of `inputNames` (no spooling of standard input).
    var givenFiles: [InputFile]?

    var totals = Manifest.Totals()
    var brokenInputs = 0
    var sink: (any ItemSink)?
    /// Takes the built items on its own thread (see ``ItemEmitter``).
    var emitter: ItemEmitter?
    /// What the builder holds for the emitter, in record order.
    var events: [ItemEmitter.Event] = []
    /// The emitter stopped on a fatal error: the rest is read but not built.
    var stopping = false
    /// The duplicate check, when it runs on this thread (see ``DuplicateCheck/runsOnBuilder(_:)``).
    var duplicateCheck: DuplicateCheck?
    /// Where the record being built starts in the builder's buffers (it may go on in several parts).
    struct Part {
        var ordinal = 0
        var line = 0
        var record = 0
        var pointer: String?
        var sheet: String?
        var items = 0
        var findings = 0
    }
    var part = Part()

    // The pass in progress.
    var phase = 1
    var firstPass = true
    var fileBase = 0
    var fileIndex = 0
    var fileBases: [Int] = []
    var recordsInFile = 0
    var files: [InputFile] = []

    public init(
        plan: MappingPlan, inputs: [String], importers: [any ImporterFactory], options: ConversionOptions,
        reporter: FindingReporter, notes: @escaping (String) -> Void = FindingReporter.standardError
    ) {
        self.plan = plan
        self.inputNames = inputs
        self.importers = importers
        self.options = options
        self.reporter = reporter
        self.notes = notes
        self.builder = ItemBuilder(plan: plan)
    }

    /// A converter that reads `files` as they are: each named as the user gave it, read from its path.
    ///
    /// `run` and `resume` use it to read a recorded conversion's inputs (standard input included, from
    /// its copy in the run directory), whatever the current directory; the files are left in place.
    public convenience init(
        plan: MappingPlan, files: [InputFile], importers: [any ImporterFactory], options: ConversionOptions,
        reporter: FindingReporter, notes: @escaping (String) -> Void = FindingReporter.standardError
    ) {
        self.init(
            plan: plan, inputs: files.map(\.name), importers: importers, options: options, reporter: reporter,
            notes: notes)
        givenFiles = files
    }

    /// Runs the conversion.
    ///
    /// - Throws: ``ConversionError`` for unreadable inputs or output, ``MappingError``
    ///   when the plan's fields do not fit an input. Nothing is left in the output then.
    public func run() throws -> ConversionResult {
        if let givenFiles {
            files = try InputPreparation.check(givenFiles, progress: options.progress)
        } else {
            files = try InputPreparation.prepare(
                inputNames, spoolDirectory: NSTemporaryDirectory(), progress: options.progress)
        }
        defer { for file in files where file.spooled { unlink(file.path) } }
        try checkBindings()
        options.progress?.expect(files.reduce(0) { $0 + ($1.handle?.size ?? 0) } * Int64(plan.phases.count))
        if case .directory(let directory) = options.output {
            try RunDirectory.prepare(directory)
            try reporter.writeJSONLines(to: "\(directory)/\(Self.findingsFile)")
        }
        // Only the manifest of a run directory names the inputs' sha256; a recorded `run` knows them already.
        // Later phases compare the inputs with what the first phase read.
        var needed = plan.phases.count > 1 || options.knownInputs != nil
        if case .directory = options.output { needed = true }
        let fingerprints = FingerprintTask(files, needed: needed)
        let conversionId = options.conversionId ?? Self.makeConversionId()
        sink = try makeSink(conversionId: conversionId)
        let checkHere = plan.duplicates != .allow && DuplicateCheck.runsOnBuilder(builder)
        duplicateCheck = checkHere ? DuplicateCheck() : nil
        let emitter = ItemEmitter(
            reporter: reporter, sink: sink, duplicates: plan.duplicates,
            duplicateCheck: plan.duplicates != .allow && !checkHere ? DuplicateCheck() : nil, notes: notes)
        self.emitter = emitter
        builder.onFull = { [unowned self] in handOverPart() }
        defer { builder.onFull = nil }
        do {
            defer { _ = emitter.finish() }
            for phase in plan.phases {
                self.phase = phase
                if !firstPass { try InputGuard.checkBeforeLaterPhase(files, fingerprints: fingerprints) }
                try readAll()
                handOver()
                try InputGuard.checkUnchanged(files)
                firstPass = false
            }
            try InputGuard.checkKnown(files, fingerprints: fingerprints, known: options.knownInputs)
            if let failure = emitter.finish() { throw failure }
            totals.itemsEmitted = emitter.itemsEmitted
            totals.itemsRejected = emitter.itemsRejected
            let chunks = try sink?.finish() ?? []
            try reporter.finish()
            finishTotals(chunks: chunks, ledger: emitter.ledger)
            let manifest = try writeManifest(
                conversionId: conversionId, chunks: chunks, fingerprints: fingerprints.wait())
            return ConversionResult(
                totals: totals, findings: reporter.counts, manifest: manifest, brokenInputs: brokenInputs)
        } catch {
            sink?.discard()
            if case .directory(let directory) = options.output { unlink("\(directory)/\(Self.findingsFile)") }
            throw error
        }
    }

    /// Opens every input once and binds the plan's paths: a mapping that does
    /// not fit fails before anything is written.
    private func checkBindings() throws {
        let diagnostics = try Self.bindingDiagnostics(
            plan: plan, files: files, importers: importers, maxFieldBytes: options.maxFieldBytes)
        if !diagnostics.isEmpty { throw MappingError(diagnostics) }
    }

    /// The problems binding `plan`'s field paths to each input (unknown columns).
    public static func bindingDiagnostics(
        plan: MappingPlan, files: [InputFile], importers: [any ImporterFactory], maxFieldBytes: Int?
    ) throws -> [MappingDiagnostic] {
        var diagnostics: [MappingDiagnostic] = []
        for file in files {
            let importer = try open(file, plan: plan, importers: importers, maxFieldBytes: maxFieldBytes)
            diagnostics += plan.diagnostics(for: importer.bind(plan.paths))
        }
        return diagnostics
    }

    func open(_ file: InputFile) throws -> any RecordImporter {
        try Self.open(file, plan: plan, importers: importers, maxFieldBytes: options.maxFieldBytes)
    }

    static func open(_ file: InputFile, plan: MappingPlan, importers: [any ImporterFactory], maxFieldBytes: Int?) throws
        -> any RecordImporter
    {
        var options = plan.source
        if let limit = maxFieldBytes { options.maxFieldBytes = limit }
        let format = options.format(for: file)
        if options.format == nil, format != "csv" { options.format = format }
        guard let factory = importers.first(where: { $0.formats.contains(format) }) else {
            throw ConversionError(.input, "\(file.name): no importer reads format '\(format)'")
        }
        return try factory.open(file, options: options)
    }

    private func readAll() throws {
        fileBase = 0
        for (index, file) in files.enumerated() {
            fileIndex = index
            if firstPass { fileBases.append(fileBase) }
            recordsInFile = 0
            if firstPass { events.append(.file(base: fileBase, name: file.name)) }
            events.append(.reading(file.name))
            let importer = try open(file)
            _ = importer.bind(plan.paths)
            builder.cellColumns = (importer as? any CellColumns)?.slotColumns ?? [:]
            // The importer parses on a thread of its own while this one builds items.
            try RecordPipe.run(importer, slotCount: plan.paths.count, into: self)
            if stopping { return }
            fileBase += recordsInFile
        }
    }

    /// Every finding, one JSON object per line, in the run directory.
    public static let findingsFile = "findings.jsonl"

    static func makeConversionId() -> String {
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16).leftPadded(4)
        return "\(UTCTime.now(compact: true))-\(suffix)"
    }
}
