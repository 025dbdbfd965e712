import Foundation

/// Says what a file that is not a zip archive most likely is, and what to do with it.
enum WorkbookSniffer {
    /// The compound-file (OLE) signature of `.xls` files and of password-protected workbooks.
    static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The reason `path` cannot be read as a workbook, as a message after its name.
    static func describe(path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return "cannot be read"
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        let bytes = [UInt8](head)
        if bytes.isEmpty { return "the file is empty, not an .xlsx workbook" }
        if bytes.starts(with: oleSignature) {
            if contains(bytes, utf16: "EncryptionInfo") || contains(bytes, utf16: "EncryptedPackage") {
                return "the workbook is password-protected (encrypted); "
                    + "open it in Excel, remove the password (File > Info > Protect Workbook) and save it again"
            }
            return "an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx or CSV"
        }
        if bytes.starts(with: [0x50, 0x4B]) {
            return "a damaged or truncated zip archive, not a readable .xlsx workbook; "
                + "copy it again or save it again from Excel"
        }
        return "not an .xlsx workbook (not a zip archive); save it from Excel as .xlsx, or as CSV"
    }

    private static func contains(_ bytes: [UInt8], utf16 text: String) -> Bool {
        var needle: [UInt8] = []
        for byte in text.utf8 { needle += [byte, 0] }
        guard bytes.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
