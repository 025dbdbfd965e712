public import Foundation
public import Testing

/// Golden files under `fixtures/`: compared byte for byte; recorded anew only
/// when `LDIFBULK_RECORD_GOLDENS=1`, and then the test fails so that a
/// recording never passes unnoticed.
public enum Golden {
    public static func check(
        _ actual: String, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let path = Fixtures.path(name)
        if ProcessInfo.processInfo.environment["LDIFBULK_RECORD_GOLDENS"] == "1" {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            Issue.record(
                "recorded golden \(name); check it and run again without LDIFBULK_RECORD_GOLDENS",
                sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record(
                "golden \(name) is missing (record it with LDIFBULK_RECORD_GOLDENS=1)", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "differs from golden \(name)", sourceLocation: sourceLocation)
    }
}
