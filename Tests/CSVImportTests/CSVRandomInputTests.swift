import CSVImport
import LDIFCore
import Testing

/// Random inputs made of the bytes that matter to a CSV parser: whatever they are,
/// the importer neither crashes nor loses a record, and every accepted record has one
/// value per column.
@Suite struct CSVRandomInputTests {
    /// SplitMix64: a seeded generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [UInt8] = Array(",;\"\"\n\r  \taab".utf8) + [0xC3, 0xA9, 0xFF, 0x00, 0xD8, 0x81]

    static func randomOptions(using random: inout Generator) -> SourceOptions {
        var options = SourceOptions.csv(
            delimiter: [.auto, .byte(0x2C), .byte(0x3B)].randomElement(using: &random)!,
            header: Bool.random(using: &random),
            encoding: SourceOptions.Encoding.allCases.randomElement(using: &random)!,
            maxFieldBytes: Int.random(in: 1...24, using: &random))
        if !options.header && Bool.random(using: &random) { options.columns = ["a", "b"] }
        return options
    }

    static func randomBytes(using random: inout Generator) -> [UInt8] {
        (0..<Int.random(in: 0...160, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
    }

    @Test(arguments: 0..<8)
    func anyInputIsAccountedFor(seed: Int) throws {
        var random = Generator(state: UInt64(seed))
        for _ in 0..<Self.rounds {
            let bytes = Self.randomBytes(using: &random)
            let options = Self.randomOptions(using: &random)
            let blockSize = Int.random(in: 1...9, using: &random)
            let result: Imported
            do {
                result = try importCSV(bytes, options: options, blockSize: blockSize)
            } catch let error as ConversionError {
                // Only a broken header row or a contradicting byte-order mark may stop a file.
                #expect(error.code == .input)
                continue
            }
            let sink = result.sink
            let numbers = sink.accepted.map(\.location.record) + sink.rejected.map { $0.location?.record ?? 0 }
            #expect(
                numbers.sorted() == Array(0..<numbers.count).map { $0 + 1 },
                "bytes \(bytes) block \(blockSize) \(options)")
            let columns = result.names?.count ?? 0
            #expect(
                sink.accepted.allSatisfy { $0.values.count == columns }, "bytes \(bytes) block \(blockSize) \(options)")
            let lines = sink.accepted.map(\.location.line) + sink.rejected.map { $0.location?.line ?? 0 }
            #expect(lines.allSatisfy { $0 >= 1 }, "bytes \(bytes) block \(blockSize) \(options)")
        }
    }

    @Test(arguments: 0..<4)
    func sameResultWhateverTheBlockSize(seed: Int) throws {
        var random = Generator(state: UInt64(1000 + seed))
        for _ in 0..<Self.rounds {
            let bytes = Self.randomBytes(using: &random)
            let options = Self.randomOptions(using: &random)
            let blockSize = Int.random(in: 1...9, using: &random)
            let reference = Result { try importCSV(bytes, options: options) }
            let small = Result { try importCSV(bytes, options: options, blockSize: blockSize) }
            switch (reference, small) {
            case (.success(let reference), .success(let small)):
                #expect(reference.names == small.names, "bytes \(bytes) block \(blockSize) \(options)")
                #expect(reference.transcript == small.transcript, "bytes \(bytes) block \(blockSize) \(options)")
                #expect(reference.sink.rejected == small.sink.rejected, "bytes \(bytes) block \(blockSize) \(options)")
                #expect(reference.sink.reported == small.sink.reported, "bytes \(bytes) block \(blockSize) \(options)")
            case (.failure(let reference), .failure(let small)):
                #expect("\(reference)" == "\(small)", "bytes \(bytes) block \(blockSize) \(options)")
            default:
                Issue.record("one block size threw, the other did not: bytes \(bytes) block \(blockSize) \(options)")
            }
        }
    }

    static let rounds = 60
}
