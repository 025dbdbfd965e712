/// Guesses the delimiter from the first lines of a file.
///
/// For each candidate (`,` `;` tab `|`, in that order of preference) it counts the
/// candidate outside quotes on each of the first lines. A candidate that occurs the
/// same number of times (at least once) on every line wins; among several, the one
/// that splits lines into the most fields. When none is consistent, the candidate
/// whose count on the first line (the header) is matched by the most other lines
/// wins. A file with no candidate at all has one column, and `,` is as good as any.
enum DelimiterSniffer {
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    /// How many lines are looked at.
    static let lineLimit = 20

    /// The delimiter for text that starts with `text`; `complete` says whether `text` is the whole input.
    static func sniff(_ text: UnsafeRawBufferPointer, complete: Bool) -> UInt8 {
        let lines = counts(text, complete: complete)
        guard !lines.isEmpty else { return candidates[0] }
        var best: (delimiter: UInt8, score: (Int, Int))?
        for (index, delimiter) in candidates.enumerated() {
            let column = lines.map { $0[index] }
            guard column[0] > 0 else { continue }
            let consistent = column.allSatisfy { $0 == column[0] }
            let score = consistent ? (lines.count, column[0]) : (column.filter { $0 == column[0] }.count - 1, 0)
            if best == nil || score > best!.score { best = (delimiter, score) }
        }
        return best?.delimiter ?? candidates[0]
    }

    /// Per line (not empty, complete unless the input ends), how often each candidate occurs outside quotes.
    static func counts(_ text: UnsafeRawBufferPointer, complete: Bool) -> [[Int]] {
        var lines: [[Int]] = []
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasText = false
        var index = 0
        while index < text.count, lines.count < lineLimit {
            let byte = text[index]
            index += 1
            if byte == 0x22 {
                inQuotes.toggle()
                lineHasText = true
            } else if !inQuotes && (byte == 0x0A || byte == 0x0D) {
                if lineHasText { lines.append(current) }
                current = [Int](repeating: 0, count: candidates.count)
                lineHasText = false
            } else {
                lineHasText = true
                if !inQuotes, let slot = candidates.firstIndex(of: byte) { current[slot] += 1 }
            }
        }
        if complete && lineHasText && lines.count < lineLimit { lines.append(current) }
        return lines
    }
}
