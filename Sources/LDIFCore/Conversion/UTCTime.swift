import Foundation

/// The current UTC time as text, without Foundation's formatters (which load ICU's data).
public enum UTCTime {
    /// `20261129T081500Z` when compact, else `2026-11-29T08:15:00Z`.
    public static func now(compact: Bool) -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let format = compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ"
        let length = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
