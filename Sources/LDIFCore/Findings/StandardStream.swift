import Foundation

/// Writes messages to standard error and results to standard output with plain `write(2)` calls.
///
/// Foundation's `FileHandle.write` traps when a write fails (a full disk, a closed descriptor, a reader
/// that went away), which would end a conversion or an upload mid-way. Messages are worth less than the
/// work they describe: a failed write of one is dropped. Results on standard output are the command's
/// product: a failed write of one throws, so that the command ends with a status that says so.
public enum StandardStream {
    /// Writes `text` to standard error; a failed write is dropped.
    public static func error(_ text: String) {
        _ = writeAll(STDERR_FILENO, text)
    }

    /// Writes `text` to standard output.
    ///
    /// - Throws: ``ConversionError`` with the `errno` of the failed write (`EPIPE` when the reader
    ///   closed the pipe, as `head` does).
    public static func output(_ text: String) throws(ConversionError) {
        let code = writeAll(STDOUT_FILENO, text)
        if code != 0 { throw ConversionError.io("write", path: "standard output", errno: code) }
    }

    /// Writes every byte of `text` to `descriptor`; returns 0, or the `errno` of the write that failed.
    static func writeAll(_ descriptor: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if written == 0 { return EIO }
                offset += written
            }
            return 0
        }
    }
}
