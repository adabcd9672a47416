#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock time as the session file writes it (UTC, ISO 8601: `2026-11-24T21:34:05Z`).
public enum Timestamp {
    public static func now() -> String {
        text(Double(Glibc.time(nil)))
    }

    /// The time `seconds` after 1970; times outside years 1 to 9999 are clamped to them.
    public static func text(_ seconds: Double) -> String {
        let bounded = seconds.isFinite ? min(max(seconds, -62_135_596_800), 253_402_300_799) : 0
        var time = time_t(bounded)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
