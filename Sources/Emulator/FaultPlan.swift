/// Decides, from the seed alone, which request or run gets which fault.
///
/// Each decision hashes (seed, stream, index) instead of drawing from a shared
/// generator, so the n-th request always gets the same fault however many
/// runs were created in between, and the same seed replays the same faults.
struct FaultPlan: Sendable {
    /// What happens to one request.
    enum RequestFault: String, Sendable, CaseIterable {
        case tooManyRequests = "429"
        case tooManyRequestsBare = "429bare"
        case unavailable = "503"
        case lost
        case reset
    }

    let rates: FaultRates
    let seed: UInt64

    /// The fault for the request with this arrival index, if any.
    ///
    /// - Parameters:
    ///   - index: the request's arrival number, from 0.
    ///   - isCreate: whether it creates a run; only creates can be `lost`.
    func fault(forRequest index: Int, isCreate: Bool) -> RequestFault? {
        let draw = unitValue(stream: 1, index: index)
        var edge = rates.tooManyRequests
        if draw < edge { return .tooManyRequests }
        edge += rates.tooManyRequestsBare
        if draw < edge { return .tooManyRequestsBare }
        edge += rates.unavailable
        if draw < edge { return .unavailable }
        edge += rates.reset
        if draw < edge { return .reset }
        edge += rates.lost
        if isCreate, draw < edge { return .lost }
        return nil
    }

    /// Whether the run with this creation number ends FAILED.
    func failsRun(_ index: Int) -> Bool {
        unitValue(stream: 2, index: index) < rates.fail
    }

    /// A value in 0..<1 that depends only on seed, stream and index (SplitMix64).
    func unitValue(stream: UInt64, index: Int) -> Double {
        var z = seed &+ stream &* 0xD1B5_4A32_D192_ED03 &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }
}
