/// The paths of the Integration API, relative to the workspace host.
///
/// Client and emulator build and route requests from these constants so that
/// both sides agree on every path.
public enum IntegrationPaths {
    /// `POST`: the MTM token exchange (HTTP Basic `apitoken:<token>`).
    public static let token = "/services/mtm/v1/oauth2/token"
    /// The prefix of every Integration API call.
    public static let base = "/services/integration-api/v1"
    /// `GET` lists runs; `POST` creates one.
    public static let synchronizationRuns = base + "/synchronizationRuns"
    /// `POST`: a synchronous inbound run.
    public static let fastSynchronizationRuns = base + "/fastSynchronizationRuns"
    /// `GET`, `PUT`, `DELETE`: processor configurations.
    public static let configurations = base + "/configurations"
    /// `GET`: the emulator's inspection answer (emulator only, not the real API).
    public static let emulatorState = "/emulator/state"

    /// The path of one call on one run, e.g. `.../synchronizationRuns/ID/status`.
    ///
    /// - Parameters:
    ///   - id: the run id as the server gave it; it is percent-encoded here.
    ///   - action: the call.
    /// - Returns: the path, without a query.
    public static func run(_ id: String, _ action: RunAction) -> String {
        "\(synchronizationRuns)/\(percentEncodedSegment(id))/\(action.rawValue)"
    }

    /// Encodes everything except RFC 3986 unreserved characters, so that an id
    /// can never add a path segment or a query.
    static func percentEncodedSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}

/// The calls made on one existing run.
public enum RunAction: String, Sendable, CaseIterable {
    case start, status, progress, stats, warnings, results, stop
}

/// Query parameter names of the Integration API.
public enum IntegrationQuery {
    /// `start=true` on create: queue the run at once.
    public static let start = "start"
    /// `test=true`: a dry run that changes nothing.
    public static let test = "test"
    /// Warnings paging: index of the first warning.
    public static let offset = "offset"
    /// Warnings paging: page size, 1 to ``maximumWarningsLimit``.
    public static let limit = "limit"
    /// The largest `limit` the warnings call accepts.
    public static let maximumWarningsLimit = 100
}
