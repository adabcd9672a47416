/// The one way numbers from outside (a reply, a header, a session file) become numbers Parley
/// computes with: counts are clamped so sums cannot overflow, waits are finite and capped.
package enum Bounded {
    /// The largest count kept: a trillion tokens, far above any real use, far below `Int.max`.
    package static let maxCount = 1 << 40

    /// A token or byte count, clamped to 0...maxCount.
    package static func count(_ value: Int) -> Int {
        min(max(value, 0), maxCount)
    }

    /// The sum of two counts, clamped like each of them.
    package static func sum(_ lhs: Int, _ rhs: Int) -> Int {
        count(count(lhs) + count(rhs))
    }

    /// A wait in seconds a server asked for: nil when it is not a number or negative, at most `cap`.
    package static func seconds(_ value: Double, cap: Double) -> Double? {
        guard value.isFinite, value >= 0 else { return nil }
        return min(value, cap)
    }
}
