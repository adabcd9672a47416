import ChatClient

/// A moment named on the command line (`--since`, `--older-than`): an age like `7d`, `12h` or
/// `2w` counted back from now, or a date like `2026-11-01` (UTC midnight) or `2026-11-01T09:30:00Z`.
public enum TimeCutoff {
    /// What an age or a date may look like, for messages.
    public static let accepted = "an age like 7d, 12h or 2w (days, hours, weeks), or a date like 2026-11-01"

    /// The moment as session files write times (`2026-11-01T00:00:00Z`), which compare as text.
    public static func parse(_ text: String, now: Double, flag: String) throws(ParleyError) -> String {
        let trimmed = text.strippedOfWhitespace
        if let unit = trimmed.last, let seconds = ["h": 3_600.0, "d": 86_400.0, "w": 604_800.0][String(unit)],
            let count = Int(trimmed.dropLast()), count >= 0, count <= 1_000_000
        {
            return Timestamp.text(now - Double(count) * seconds)
        }
        if let date = date(trimmed) { return date }
        throw .usage("\(flag) takes \(accepted); got \"\(text)\"")
    }

    /// A date, or a date and time, checked field by field and written out in full.
    private static func date(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10), year >= 1,
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let datePart = String(decoding: bytes[0..<10], as: UTF8.self)
        if bytes.count == 10 { return datePart + "T00:00:00Z" }
        // A time: THH:MM, THH:MM:SS, with or without the Z (always UTC).
        let time = bytes.last == UInt8(ascii: "Z") ? bytes.dropLast() : bytes[...]
        guard time.count == 16 || time.count == 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), let hour = digits(11..<13), let minute = digits(14..<16), hour < 24,
            minute < 60
        else { return nil }
        var second = 0
        if time.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let value = digits(17..<19), value < 60 else { return nil }
            second = value
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(datePart)T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}
