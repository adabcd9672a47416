/// Numbers as people read them: `0.7`, `2`, `$1.50`, `2m 5s`.
public enum Format {
    /// `0.7`, `2`, `1.5` (at most three decimals).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        return String((value * 1000).rounded() / 1000)
    }

    /// `$0.0123`, `$1.50`.
    public static func dollars(_ value: Double) -> String {
        let cents = value >= 1 ? (value * 100).rounded() / 100 : (value * 10000).rounded() / 10000
        var text = String(cents)
        if value >= 1, let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 2 {
            text += "0"
        }
        return "$" + text
    }

    /// `4s`, `0.5s`, `2m 5s`.
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value < 1e12 else { return "a very long time" }
        if value >= 60 { return "\(Int(value) / 60)m \(Int(value) % 60)s" }
        if value >= 10 || value == value.rounded() { return "\(Int(value.rounded(.up)))s" }
        return number((value * 10).rounded(.up) / 10) + "s"
    }
}
