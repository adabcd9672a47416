/// A small, fast, seedable random number generator (SplitMix64): the same seed gives the same
/// numbers on every machine, so a failure seen once can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    private var state: UInt64

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

    /// The seed for a randomized test: `PARLEY_TEST_SEED` from the environment when set (to
    /// replay a failure), else a fresh one. Put it in every failure message.
    public static func seedForThisRun(environment: [String: String]) -> UInt64 {
        if let text = environment["PARLEY_TEST_SEED"], let seed = UInt64(text) { return seed }
        var system = SystemRandomNumberGenerator()
        return system.next()
    }
}
