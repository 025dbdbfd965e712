import LDIFCore

extension UploadDirectory {
    /// Reads every chunk file (halves of split chunks included) and checks its sha256 against the manifest.
    ///
    /// A resume refuses to start when any chunk changed since `convert`: carrying on with a
    /// directory whose chunks were edited would deliver a mix nobody converted.
    /// - Returns: one message per changed or unreadable chunk file, empty when all match.
    public func changedChunks() -> [String] {
        chunks.compactMap { chunk in
            do {
                _ = try bytes(of: chunk)
                return nil
            } catch let error as ConversionError {
                return error.description
            } catch {
                return "\(chunk.file): \(error)"
            }
        }
    }
}
