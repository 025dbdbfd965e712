import Foundation
import LDIFCore

/// Writing to the terminal: results on standard output, everything else on standard error.
enum Terminal {
    /// A message; one that cannot be written (standard error full or closed) is dropped.
    static func error(_ line: String) {
        StandardStream.error(line + "\n")
    }

    /// A result line.
    ///
    /// - Throws: ``ConversionError`` when standard output cannot take it.
    static func output(_ line: String) throws(ConversionError) {
        try StandardStream.output(line + "\n")
    }

    /// Whether standard error is a terminal (for live progress lines).
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `12.3 MB`.
    static func bytes(_ count: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
