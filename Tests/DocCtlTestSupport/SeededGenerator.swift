import Foundation

/// The random source of the generated-input tests: SplitMix64 seeded from `DOCCTL_TEST_SEED` when
/// it is set (to replay a failure), else from the system generator. Tests put ``description`` in
/// every failure message, so a failing run says how to repeat itself.
public struct SeededGenerator: RandomNumberGenerator, CustomStringConvertible, Sendable {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    /// A generator seeded from `DOCCTL_TEST_SEED` (decimal) or, without it, at random.
    public init() {
        if let text = ProcessInfo.processInfo.environment["DOCCTL_TEST_SEED"], let seed = UInt64(text) {
            self.init(seed: seed)
        } else {
            var system = SystemRandomNumberGenerator()
            self.init(seed: system.next())
        }
    }

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// "seed N (replay: DOCCTL_TEST_SEED=N swift test --filter …)".
    public var description: String { "seed \(seed) (replay with DOCCTL_TEST_SEED=\(seed))" }
}
