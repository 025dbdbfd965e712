/// Probabilities (0 to 1) of the faults the emulator injects.
///
/// - `429`: answer 429 with `Retry-After` before doing anything.
/// - `429bare`: answer 429 without `Retry-After` (the client must pick its own wait).
/// - `503`: answer 503 before doing anything.
/// - `lost`: a create is carried out but answers 502.
/// - `reset`: the request is carried out, then the connection is closed
///   without an answer.
/// - `fail`: a created run ends FAILED.
public struct FaultRates: Sendable, Hashable {
    public var tooManyRequests: Double
    public var tooManyRequestsBare: Double
    public var unavailable: Double
    public var lost: Double
    public var reset: Double
    public var fail: Double

    public init(
        tooManyRequests: Double = 0, tooManyRequestsBare: Double = 0, unavailable: Double = 0, lost: Double = 0,
        reset: Double = 0, fail: Double = 0
    ) {
        self.tooManyRequests = tooManyRequests
        self.tooManyRequestsBare = tooManyRequestsBare
        self.unavailable = unavailable
        self.lost = lost
        self.reset = reset
        self.fail = fail
    }

    /// Reads `429=0.1,503=0.05,lost=0.02,reset=0.01,fail=0.05` (any subset).
    ///
    /// - Throws: ``EmulatorError`` for an unknown name or a value outside 0...1,
    ///   or when the request faults add up to more than 1.
    public init(parsing text: String) throws {
        self.init()
        for part in text.split(separator: ",") where !part.trimmingSpaces.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pair.count == 2, let value = Double(pair[1]), (0...1).contains(value) else {
                throw EmulatorError("--faults: '\(part)' is not NAME=PROBABILITY with a probability from 0 to 1")
            }
            switch pair[0] {
            case "429": tooManyRequests = value
            case "429bare": tooManyRequestsBare = value
            case "503": unavailable = value
            case "lost": lost = value
            case "reset": reset = value
            case "fail": fail = value
            default:
                throw EmulatorError("--faults: unknown fault '\(pair[0])' (use 429, 429bare, 503, lost, reset, fail)")
            }
        }
        if tooManyRequests + tooManyRequestsBare + unavailable + lost + reset > 1 {
            throw EmulatorError("--faults: 429, 429bare, 503, lost and reset add up to more than 1")
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
