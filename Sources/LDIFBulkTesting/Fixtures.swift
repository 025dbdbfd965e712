public import Foundation

/// Paths of the package's own files, found from this file's location.
public enum Fixtures {
    /// The package root (the folder that holds Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `fixtures/NAME`.
    public static func path(_ name: String) -> String { "\(root)/fixtures/\(name)" }

    /// `mappings/NAME`.
    public static func mapping(_ name: String) -> String { "\(root)/mappings/\(name)" }

    /// A fresh temporary directory, removed by the caller with `removeItem`.
    public static func temporaryDirectory(_ label: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "ldifbulk-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a new file in `directory` and returns its path.
    @discardableResult
    public static func write(_ bytes: some Collection<UInt8>, named name: String, in directory: String) throws -> String
    {
        let path = "\(directory)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
