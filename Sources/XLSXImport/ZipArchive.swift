import CLibZip
import Foundation
import LDIFCore

/// The one owner of a libzip archive handle: entries by name, read whole or streamed,
/// each under ``ZipLimits``.
final class ZipArchive {
    private let archive: OpaquePointer
    /// The file as the user named it, for messages.
    let name: String
    let limits: ZipLimits

    /// Opens the zip file of `input`, through the descriptor the conversion opened it with (the same
    /// file in every phase, whatever its path holds now).
    ///
    /// - Throws: ``ConversionError`` (`.input`) naming the input when the file is not a zip
    ///   archive (or a truncated one), or cannot be opened.
    init(input: InputFile, limits: ZipLimits) throws(ConversionError) {
        let descriptor = try input.openForReading()
        var code: Int32 = 0
        // libzip owns the descriptor once it opened the archive, and closes it in zip_discard.
        guard let opened = zip_fdopen(descriptor, 0, &code) else {
            close(descriptor)
            throw Self.openError(code: code, path: input.path, name: input.name)
        }
        archive = opened
        self.name = input.name
        self.limits = limits
    }

    deinit {
        zip_discard(archive)
    }

    private static func openError(code: Int32, path: String, name: String) -> ConversionError {
        switch code {
        case ZIP_ER_NOZIP, ZIP_ER_INCONS, ZIP_ER_EOF:
            let kind = WorkbookSniffer.describe(path: path)
            return ConversionError(.input, "\(name): \(kind)")
        case ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK:
            return ConversionError(.io, "cannot open \(name): \(Self.reason(code))")
        default:
            return ConversionError(
                .input,
                "\(name): not a readable workbook (\(Self.reason(code))); "
                    + "open it in Excel and save it again as .xlsx")
        }
    }

    private static func reason(_ code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }

    /// The index of the entry named `entry` (exact, case-sensitive first, then ignoring case), or nil.
    func index(of entry: String) -> UInt64? {
        var found = zip_name_locate(archive, entry, 0)
        if found < 0 { found = zip_name_locate(archive, entry, ZIP_FL_NOCASE) }
        return found < 0 ? nil : UInt64(found)
    }

    /// Whether the archive holds an entry named `entry`.
    func contains(_ entry: String) -> Bool { index(of: entry) != nil }

    /// Opens entry `entry` for streaming.
    ///
    /// - Throws: ``ConversionError`` when it is missing, encrypted, or declares more than the limits allow.
    func open(_ entry: String) throws(ConversionError) -> ZipEntryStream {
        guard let index = index(of: entry) else {
            throw ConversionError(
                .input, "\(name): the workbook has no part \(entry); open it in Excel and save it again as .xlsx")
        }
        var stat = zip_stat_t()
        guard zip_stat_index(archive, index, 0, &stat) == 0 else {
            throw ConversionError(.input, "\(name): cannot read the part \(entry) of the workbook")
        }
        if stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != UInt16(ZIP_EM_NONE) {
            throw ConversionError(
                .input, "\(name): the part \(entry) is encrypted; save the workbook without a password")
        }
        let size = stat.valid & UInt64(ZIP_STAT_SIZE) != 0 ? stat.size : 0
        let compressed = stat.valid & UInt64(ZIP_STAT_COMP_SIZE) != 0 ? stat.comp_size : 0
        try limits.check(entry: entry, declaredSize: size, compressedSize: compressed, file: name)
        guard let file = zip_fopen_index(archive, index, 0) else {
            let reason = String(cString: zip_strerror(archive))
            throw ConversionError(.input, "\(name): cannot read the part \(entry) of the workbook (\(reason))")
        }
        return ZipEntryStream(
            file: file, entry: entry, archiveName: name, limit: limits.allowed(compressedSize: compressed))
    }
}
