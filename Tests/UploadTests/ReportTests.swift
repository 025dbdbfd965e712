import Foundation
import IntegrationWire
import LDIFCore
import Testing

@testable import Upload

struct WarningJoinerTests {
    let sources = [
        ItemSource(
            index: 0, type: "Application", id: "A-1", file: "apps.csv", line: 2, record: 1, pointer: nil,
            rule: "items[0]"),
        ItemSource(
            index: 1, type: "Application", id: "X", file: "apps.csv", line: 3, record: 2, pointer: nil, rule: "items[0]"
        ),
        ItemSource(
            index: 2, type: "ITComponent", id: "X", file: "apps.csv", line: 3, record: 2, pointer: "/x",
            rule: "items[1]"),
    ]

    func warning(_ id: String?, _ message: String, level: WarningLevel = .error, processor: String? = nil) -> RunWarning
    {
        RunWarning(
            processor: processor.map { ProcessorReference(name: $0, index: 0) }, content: id, message: message,
            detail: nil, category: nil, status: level)
    }

    @Test func anErrorIsJoinedToItsItemAndSourceRow() throws {
        let errors = WarningJoiner(chunk: 3, sources: sources).itemErrors([warning("A-1", "name is missing")])
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.chunk == 3 && error.type == "Application" && error.id == "A-1" && error.rule == "items[0]")
        #expect(error.source == ItemError.Source(file: "apps.csv", line: 2, record: 1))
        #expect(error.message == "name is missing")
    }

    @Test func warningsThatAreNotErrorsAreNotItemErrors() {
        #expect(WarningJoiner(chunk: 1, sources: sources).itemErrors([warning("A-1", "slow", level: .warning)]).isEmpty)
    }

    @Test func theTypeNamedInTheWarningPicksAmongItemsSharingAnId() {
        let errors = WarningJoiner(chunk: 1, sources: sources).itemErrors([
            warning("X", "bad", processor: "Import ITComponent")
        ])
        #expect(errors.map(\.type) == ["ITComponent"])
        #expect(errors.first?.source?.pointer == "/x")
    }

    @Test func withoutATypeEveryItemSharingTheIdIsReported() {
        let errors = WarningJoiner(chunk: 1, sources: sources).itemErrors([warning("X", "bad")])
        #expect(Set(errors.compactMap(\.type)) == ["Application", "ITComponent"])
    }

    @Test func anIdNotInTheChunkIsStillReported() {
        let errors = WarningJoiner(chunk: 1, sources: sources).itemErrors([warning("GHOST", "unknown")])
        #expect(errors.count == 1 && errors[0].id == "GHOST" && errors[0].source == nil && errors[0].type == nil)
    }
}

struct ErrorsCSVTests {
    @Test func holdsConvertFindingsAndServerRefusalsWithCSVQuoting() throws {
        let directory = try TemporaryDirectory()
        let findings = directory.url.appendingPathComponent("findings.jsonl")
        let rejected = Finding(
            .error, .parse, code: "ragged-row", message: "3 fields, expected 4, \"quoted\"",
            location: SourceLocation(file: "apps.csv", line: 7, record: 6))
        let warning = Finding(
            .warning, .mapping, code: "empty", message: "left out", location: SourceLocation(file: "apps.csv", line: 8))
        let encoder = JSONEncoder()
        let lines = [rejected, warning].map { String(decoding: try! encoder.encode($0), as: UTF8.self) }.joined(
            separator: "\n")
        try Data((lines + "\n").utf8).write(to: findings)
        let refused = ItemError(
            chunk: 1, type: "Application", id: "A-1", source: .init(file: "apps.csv", line: 2, record: 1),
            rule: "items[0]",
            message: "name:\r\nrequired")
        let output = directory.url.appendingPathComponent("errors.csv")
        let rows = try ErrorsCSV.write(findings: findings, itemErrors: [refused], to: output)
        #expect(rows == 2)
        let expected = [
            "file,line,record,pointer,field,type,id,stage,rule,message,sheet",
            #"apps.csv,7,6,,,,,parse,ragged-row,"3 fields, expected 4, ""quoted""","#,
            "apps.csv,2,1,,,Application,A-1,upload,items[0],\"name:\r\nrequired\",",
        ]
        let bytes = try Data(contentsOf: output)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a UTF-8 byte-order mark first, for spreadsheets")
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == expected.map { $0 + "\r\n" }.joined())
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", #""'=HYPERLINK(""http://x"",""y"")""#), ("+SUM(1)", "'+SUM(1)"),
        ("-2+3", "'-2+3"), ("@cmd", "'@cmd"), ("\tTAB", "'\tTAB"), ("\rCR", "\"'\rCR\""),
        ("plain = text", "plain = text"), ("ok-id", "ok-id"), ("'quoted", "'quoted"),
    ])
    func cellsThatStartLikeAFormulaGetAQuoteFirst(value: String, cell: String) throws {
        let directory = try TemporaryDirectory()
        let findings = directory.url.appendingPathComponent("findings.jsonl")
        try Data().write(to: findings)
        let refused = ItemError(
            chunk: 1, type: value, id: value, source: .init(file: value, line: 2, record: 1), rule: value,
            message: value)
        let output = directory.url.appendingPathComponent("errors.csv")
        try ErrorsCSV.write(findings: findings, itemErrors: [refused], to: output)
        let text = String(decoding: try Data(contentsOf: output).dropFirst(3), as: UTF8.self)
        let row = [cell, "2", "1", "", "", cell, cell, "upload", cell, cell, ""].joined(separator: ",") + "\r\n"
        #expect(text.hasSuffix(row), "\(text)")
    }
}

struct UploadSummaryTests {
    func report(_ statuses: [ChunkVerdict]) -> UploadReport {
        let chunks = statuses.enumerated().map { position, verdict in
            UploadReport.Chunk(
                index: position + 1, file: "chunk-000\(position + 1).json", phase: 1, items: 10, bytes: 100,
                sha256: "s",
                runId: "run-\(position + 1)", status: verdict.rawValue, runStatus: nil, previously: false, attempts: 1,
                requests: 5, httpErrors: 0, seconds: 1.5, warnings: 0, errors: verdict == .finishedWithErrors ? 2 : 0,
                message: verdict == .failed ? "run run-\(position + 1) ended FAILED" : nil)
        }
        var report = UploadReport(
            tool: "ldifbulk", host: "https://acme.leanix.net", conversionId: "c",
            options: .init(
                testRun: false, concurrency: 1, maxRequestsPerSecond: 10, runTimeoutSeconds: 7200,
                allowFullChunks: false),
            startedAt: "", state: "finished", chunks: chunks, totals: .init(), itemErrors: [])
        report.totals = UploadReport.Totals(chunks: chunks, itemErrors: 0, requests: .init())
        return report
    }

    @Test(arguments: [
        ([ChunkVerdict.succeeded, .succeeded], UploadReport.Outcome.clean),
        ([.succeeded, .finishedWithErrors], .finishedWithErrors),
        ([.finishedWithErrors, .failed], .chunksFailed), ([.succeeded, .timedOut], .chunksFailed),
        ([.notSubmitted], .chunksFailed),
    ])
    func theOutcomeIsTheWorstChunk(verdicts: [ChunkVerdict], outcome: UploadReport.Outcome) {
        #expect(report(verdicts).outcome == outcome)
    }

    @Test func showsEveryChunkTheTotalsAndTheRetryCommandWhenSomethingFailed() {
        let text = UploadSummary.text(
            report([.succeeded, .failed]), directory: "runs/x", retryCommand: "ldifbulk upload runs/x --host h")
        #expect(text.contains("chunk-0001.json") && text.contains("chunk-0002.json"))
        #expect(text.contains("2 chunks: 1 failed, 1 succeeded"))
        #expect(text.contains("chunk 2: run run-2 ended FAILED"))
        #expect(text.contains("to retry what did not go through: ldifbulk upload runs/x --host h"))
        #expect(text.contains("runs/x/report.json"))
    }

    @Test func noRetryCommandWhenEverythingWentThrough() {
        let text = UploadSummary.text(report([.succeeded, .finishedWithErrors]), directory: "d", retryCommand: "RETRY")
        #expect(!text.contains("RETRY"))
    }
}
