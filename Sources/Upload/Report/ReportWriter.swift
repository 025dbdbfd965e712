public import Foundation
import LDIFCore

extension UploadReport {
    /// Writes the report to `url` atomically (temporary file, then rename), so it is always readable.
    public func write(to url: URL) throws {
        try RunDirectory.writeAtomically(self, to: url.path)
    }
}
