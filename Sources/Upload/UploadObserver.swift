/// Told about every change of an upload, for a progress display.
///
/// Called from the upload's own actor: keep the work short and do not block.
public protocol UploadObserver: Sendable {
    /// The report after a change; `changed` is the index of the chunk that changed, nil for the whole upload.
    func uploadChanged(_ report: UploadReport, changed: Int?)
}
