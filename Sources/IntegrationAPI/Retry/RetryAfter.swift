public import Foundation

/// The `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3).
public enum RetryAfter {
    /// The delay a `Retry-After` value asks for, or nil when the value is neither form.
    ///
    /// - Parameters:
    ///   - value: the header value as received.
    ///   - now: the current wall-clock time, to turn a date into a delay.
    public static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0, seconds.isFinite {
            return .seconds(double: seconds)
        }
        guard let date = httpDateFormatter().date(from: text) else { return nil }
        return .seconds(double: max(0, date.timeIntervalSince(now)))
    }

    // Made per call: the date form is rare, and a shared formatter is not safe across tasks.
    private static func httpDateFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }
}
