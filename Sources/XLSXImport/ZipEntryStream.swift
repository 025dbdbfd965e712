import CLibZip
import LDIFCore

/// One zip entry being inflated, piece by piece, never past its byte limit.
final class ZipEntryStream {
    private var file: OpaquePointer?
    let entry: String
    let archiveName: String
    private let limit: UInt64
    private(set) var inflated: UInt64 = 0
    /// The error that stopped reading, kept for libxml2's read callback (which can only say -1).
    private(set) var failure: ConversionError?

    init(file: OpaquePointer, entry: String, archiveName: String, limit: UInt64) {
        self.file = file
        self.entry = entry
        self.archiveName = archiveName
        self.limit = limit
    }

    deinit {
        if let file { zip_fclose(file) }
    }

    /// Inflates up to `count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ConversionError) -> Int {
        guard let file else { return 0 }
        let got = zip_fread(file, buffer, UInt64(count))
        if got < 0 {
            let reason = String(cString: zip_file_strerror(file))
            let error = ConversionError(
                .input,
                "\(archiveName): the part \(entry) of the workbook is damaged (\(reason)); "
                    + "open it in Excel and save it again")
            failure = error
            throw error
        }
        inflated += UInt64(got)
        if inflated > limit {
            let error = ZipLimits.bomb(entry: entry, file: archiveName, size: nil)
            failure = error
            throw error
        }
        return Int(got)
    }

    /// The read callback's form: bytes read, 0 at the end, -1 on an error (kept in ``failure``).
    func readForParser(into buffer: UnsafeMutablePointer<CChar>, count: Int32) -> Int32 {
        do {
            return Int32(try read(into: UnsafeMutableRawPointer(buffer), count: Int(count)))
        } catch {
            return -1
        }
    }
}
