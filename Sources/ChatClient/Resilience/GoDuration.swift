import Synchronization

/// Go `time.Duration` strings, as in OpenAI's reset headers: `6m0s`, `12ms`, `1h2m3.5s`,
/// `250us`, `18.642s`; a bare number is seconds.
public enum GoDuration {
    public static func seconds(_ text: String) -> Double? {
        let text = text.strippedOfWhitespace
        if let plain = Double(text) { return plain.isFinite && plain >= 0 ? plain : nil }
        var total = 0.0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1e3
            case "us", "µs", "μs": total += value / 1e6
            case "ns": total += value / 1e9
            default: return nil
            }
        }
        return total.isFinite ? total : nil
    }
}
