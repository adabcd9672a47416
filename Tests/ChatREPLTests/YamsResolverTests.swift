import Foundation
import Testing

@testable import Yams

/// The vendored Yams (Vendor/Yams) matches the default resolver rules and the timestamp pattern
/// by hand instead of with NSRegularExpression (which links ICU). These run upstream's patterns,
/// copied verbatim from Yams 6.2.2, with NSRegularExpression side by side with the vendored code
/// on the same strings: hand-picked edge cases, mutations of them and random strings.
@Suite("Vendored Yams: hand-written matchers agree with upstream's regular expressions")
struct YamsResolverTests {
    // MARK: - Upstream's patterns (Yams 6.2.2, Sources/Yams/Resolver.swift and Constructor.swift)

    static let upstreamRules: [(Yams.Tag.Name, String)] = [
        (
            .bool,
            """
            ^(?:yes|Yes|YES|no|No|NO\
            |true|True|TRUE|false|False|FALSE\
            |on|On|ON|off|Off|OFF)$
            """
        ),
        (
            .int,
            """
            ^(?:[-+]?0b[0-1_]+\
            |[-+]?0o?[0-7_]+\
            |[-+]?(?:0|[1-9][0-9_]*)\
            |[-+]?0x[0-9a-fA-F_]+\
            |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$
            """
        ),
        (
            .float,
            """
            ^(?:[-+]?(?:[0-9][0-9_]*)(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\
            |\\.[0-9_]+(?:[eE][-+][0-9]+)?\
            |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*\
            |[-+]?\\.(?:inf|Inf|INF)\
            |\\.(?:nan|NaN|NAN))$
            """
        ),
        (.merge, "^(?:<<)$"),
        (
            .null,
            """
            ^(?:~\
            |null|Null|NULL\
            |)$
            """
        ),
        (
            .timestamp,
            """
            ^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?\
            (?:[Tt]|[ \\t]+)[0-9][0-9]?\
            :[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?\
            (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$
            """
        ),
        (.value, "^(?:=)$"),
    ]

    static let upstreamTimestampPattern = [
        "^([0-9][0-9][0-9][0-9])",  // year
        "-([0-9][0-9]?)",  // month
        "-([0-9][0-9]?)",  // day
        "(?:(?:[Tt]|[ \\t]+)",
        "([0-9][0-9]?)",  // hour
        ":([0-9][0-9])",  // minute
        ":([0-9][0-9])",  // second
        "(?:\\.([0-9]*))?",  // fraction
        "(?:[ \\t]*(Z|([-+])([0-9][0-9]?)",  // tz_sign, tz_hour
        "(?::([0-9][0-9]))?))?)?$",  // tz_minute
    ].joined()

    static func regex(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: [])
    }

    static func upstreamMatches(_ regex: NSRegularExpression, _ string: String) -> Bool {
        regex.firstMatch(in: string, options: [], range: NSRange(location: 0, length: string.utf16.count)) != nil
    }

    // MARK: - The strings

    static let handPicked: [String] = [
        "", "~", "null", "Null", "NULL", "nULL", "nul", "null ", " null", "~~",
        "yes", "Yes", "YES", "yEs", "no", "No", "NO", "nO", "true", "True", "TRUE", "tRUE", "false", "False",
        "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF", "oFF", "y", "n", "Y", "N",
        "<<", "<", "<<<", "=", "==", "= ",
        "0", "-0", "+0", "00", "07", "08", "0_7", "0o17", "0o", "0o8", "-0o17", "0O17", "0b1010", "0b", "0b2", "+0b_1",
        "0x1F", "0x", "0xg", "-0x_fF", "0X1F", "1_000", "1__", "_1", "1,000", "685230", "+685_230", "02472256",
        "190:20:30", "1:2", "1:60", "1:59", "1:5:", ":1", "0:30", "1:0_", "1:005", "-1:30", "1:30:", "1_2:3:45",
        "1.0", "1.", ".1", "._", "._1", ".1e5", ".1e+5", ".1E-5", "1e5", "1E+5", "1e", "1e+", "-1.5e-3", "+.5",
        "6.8523015e+5", "685.230_15e+03", "685_230.15", "190:20:30.15", "190:20:30", "1:2.", "1:2.3_", "-.5",
        ".inf", ".Inf", ".INF", "+.inf", "-.Inf", "+.INF", ".iNf", "inf", "-inf", ".infinity", "+.nan",
        ".nan", ".NaN", ".NAN", "nan", ".nAn", "-.nan",
        "2001-12-14", "2001-12-1", "2001-1-14", "2001-12-14 ", "201-12-14", "20011-12-14", "2001-12-144",
        "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
        "2001-12-14\t21:59:43.10Z", "2001-12-14 \t 21:59:43", "2002-12-14T1:59:43", "2002-12-14T21:5:43",
        "2002-1-4T21:59:43.Z", "2001-12-14T21:59:43 Z", "2001-12-14T21:59:43 ", "2001-12-14T21:59:43+0530",
        "2001-12-14T21:59:43+05:3", "2001-12-14T21:59:43+5:30", "2001-12-14T21:59:43-", "2001-12-14T21:59",
        "2001-12-14T21:59:43.", "2001-12-14T21:59:43.123456789123Z", "2001-12-14Z", "2001-12-14T",
        "yes\n", "yes\r\n", "yes\r", "yes\n\n", "yes\u{2028}", "yes\u{2029}", "yes\u{85}", "yes\u{0B}", "yes\u{0C}",
        "\n", "\r\n", "\r", "\n\n", "~\n", "1\n", "0x1F\r\n", ".inf\u{2028}", "<<\n", "=\r",
        "2001-12-14\n", "2001-12-14T21:59:43.10-05:00\r\n", "2001-12-14T21:59:43\u{85}", "1.5\n ",
        "yes\t", "\tyes", "\u{FEFF}yes", "ye\u{301}s", "yés", "\u{212A}", "nu\u{212A}l", "١٢٣", "١", "1٢",
        "ｙｅｓ", "0x1Ｆ", "2001-12-14T21:59:43\u{2028}", "é", "\u{1F600}", "1\u{301}", ".i\u{301}nf",
    ]

    /// SplitMix64: the same strings on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let alphabet: [String] =
        Array("0123456789_-+.:eExXoObBaAfFtTZz ~<=nuNlLyYsSiI\t").map(String.init) + [
            "\n", "\r", "\r\n", "\u{2028}", "\u{85}", "\u{0C}", "é", "١", "\u{212A}", "\u{301}",
        ]

    /// A few thousand strings: the hand-picked ones, each mutated (a character replaced, inserted
    /// or removed) many times, and strings drawn from the alphabet the patterns care about.
    static let corpus: [String] = {
        var random = Random(state: 2026)
        var strings = handPicked
        for base in handPicked {
            for _ in 0..<12 {
                var characters = base.unicodeScalars.map(String.init)
                let position = characters.isEmpty ? 0 : random.below(characters.count + 1)
                switch random.below(3) {
                case 0 where position < characters.count: characters[position] = random.pick(alphabet)
                case 1 where position < characters.count: characters.remove(at: position)
                default: characters.insert(random.pick(alphabet), at: position)
                }
                strings.append(characters.joined())
            }
        }
        let digits = Array("0123456789").map(String.init)
        for _ in 0..<1500 {
            let length = random.below(12)
            strings.append((0..<length).map { _ in random.pick(alphabet) }.joined())
            // Numbers and dates with the right shape, so that matches are frequent too.
            let number = (0..<random.below(6)).map { _ in random.pick(digits + ["_", ":", ".", "e", "-"]) }.joined()
            strings.append(random.pick(["", "-", "+", "0", "0x", "0o", "0b", "."]) + number)
            let date = [
                String(random.below(10_000)), "-", String(random.below(14)), "-", String(random.below(33)),
                random.pick(["", "T", "t", " ", " \t", "x"]), String(random.below(25)), ":",
                random.pick(["5", "59", "07"]), ":", random.pick(["5", "43", "00"]),
                random.pick(["", ".", ".1", ".123456789012"]), random.pick(["", " ", "\t"]),
                random.pick(["", "Z", "+5", "-05", "+05:30", "-5:3", "+123"]), random.pick(["", "\n", " "]),
            ]
            strings.append(date.joined())
        }
        return strings
    }()

    // MARK: - The tests

    @Test func theCorpusIsLargeAndHitsEveryRule() async throws {
        #expect(Self.corpus.count > 5000)
        for (tag, pattern) in Self.upstreamRules {
            let regex = try Self.regex(pattern)
            await Task.yield()
            let hits = Self.corpus.filter { Self.upstreamMatches(regex, $0) }.count
            #expect(hits >= 3, "rule \(tag.rawValue) matches only \(hits) strings")
        }
    }

    @Test func eachDefaultRuleAcceptsWhatItsRegexAccepts() async throws {
        let vendored: [Yams.Tag.Name: Resolver.Rule] = [
            .bool: .bool, .int: .int, .float: .float, .merge: .merge, .null: .null, .timestamp: .timestamp,
            .value: .value,
        ]
        for (tag, pattern) in Self.upstreamRules {
            let regex = try Self.regex(pattern)
            let rule = try #require(vendored[tag])
            #expect(rule.pattern == pattern)
            let resolver = Resolver.basic.appending(rule)
            var disagreements: [String] = []
            for (number, string) in Self.corpus.enumerated() {
                if number % 256 == 0 { await Task.yield() }
                let upstream = Self.upstreamMatches(regex, string)
                let vendoredMatch = resolver.resolveTag(of: Node(string)) == tag
                if upstream != vendoredMatch { disagreements.append(string) }
            }
            #expect(disagreements.isEmpty, "rule \(tag.rawValue) disagrees on \(disagreements.prefix(20))")
        }
    }

    @Test func theDefaultResolverResolvesAsUpstreamDid() async throws {
        let rules = try Self.upstreamRules.map { ($0.0, try Self.regex($0.1)) }
        var disagreements: [String] = []
        for (number, string) in Self.corpus.enumerated() {
            if number % 256 == 0 { await Task.yield() }
            let upstream = rules.first { Self.upstreamMatches($0.1, string) }?.0 ?? .str
            let vendored = Resolver.default.resolveTag(of: Node(string))
            if upstream != vendored { disagreements.append(string) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).map(\.debugDescription))")
    }

    @Test func theTimestampGroupsAreUpstreamsGroups() async throws {
        let regex = try Self.regex(Self.upstreamTimestampPattern)
        var matched = 0
        for (number, string) in Self.corpus.enumerated() {
            if number % 256 == 0 { await Task.yield() }
            let range = NSRange(location: 0, length: string.utf16.count)
            let upstream: [String?]? = regex.firstMatch(in: string, options: [], range: range).map { match in
                (1..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: string).map { String(string[$0]) }
                }
            }
            let vendored = ImplicitTagMatchers.matchesBeforeFinalLineBreakTimestamp(string)?.map { $0.map(String.init) }
            #expect(upstream == vendored, "\(string.debugDescription)")
            if upstream != nil { matched += 1 }
        }
        #expect(matched >= 100)
    }

    @Test func aCustomRuleStillTakesAPattern() throws {
        let resolver = try Resolver.default.appending(
            .init(Yams.Tag.Name(rawValue: "tag:example.com,2026:hex"), "^#[0-9a-f]+$"))
        #expect(resolver.resolveTag(of: Node("#c0ffee")) == Yams.Tag.Name(rawValue: "tag:example.com,2026:hex"))
        #expect(resolver.resolveTag(of: Node("#coffee")) == .str)
        #expect(throws: (any Error).self) { try Resolver.Rule(.str, "(") }
    }

    // MARK: - What the representer writes

    /// Yams 6.2.2's Representer: `iso8601String` (precision 3) and `iso8601StringWithFullNanosecond`
    /// (precision 9), with DateFormatter, String(format:) and CharacterSet as upstream has them.
    static func upstreamISO8601(_ date: Date, precision: Int) -> String {
        func formatter(_ format: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = format
            formatter.timeZone = TimeZone(secondsFromGMT: 0)
            return formatter
        }
        var integral = 0.0
        let fractional = modf(date.timeIntervalSinceReferenceDate, &integral)
        let radix = pow(10.0, Double(precision))
        let rounded = Int((fractional * radix).rounded())
        let quotient = rounded / Int(radix)
        let (whole, fraction) =
            quotient != 0 ? (integral + TimeInterval(quotient), rounded % Int(radix)) : (integral, rounded)
        guard fraction != 0 else { return formatter("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'").string(from: date) }
        return formatter("yyyy'-'MM'-'dd'T'HH':'mm':'ss").string(from: Date(timeIntervalSinceReferenceDate: whole))
            + String(format: ".%0\(precision)d", fraction).trimmingCharacters(in: CharacterSet(charactersIn: "0"))
            + "Z"
    }

    @Test func datesAreWrittenAsDateFormatterWroteThem() throws {
        var random = Random(state: 7)
        var dates = [0, 1, -1, 1.5, 1.012, 1e9, -1e9, 3e9, -6e10, -1e11, 1e9 + 0.1234567891, 2e9 + 0.9999]
            .map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<500 {
            let seconds = Double(random.below(8_000_000_000)) - 2_000_000_000
            dates.append(Date(timeIntervalSince1970: seconds))
            dates.append(Date(timeIntervalSince1970: seconds + Double(random.below(1_000_000_000)) / 1e9))
        }
        let encoder = YAMLEncoder()
        for date in dates {
            let represented = try Node(date).string
            #expect(represented == Self.upstreamISO8601(date, precision: 3), "\(date)")
            let encoded = try encoder.encode(["d": date])
            #expect(encoded == "d: " + Self.upstreamISO8601(date, precision: 9) + "\n", "\(date)")
        }
    }

    @Test func numbersAreWrittenAsNumberFormatterWroteThem() throws {
        func formatter(_ digits: Int) -> NumberFormatter {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: "en_US")
            formatter.numberStyle = .scientific
            formatter.usesSignificantDigits = true
            formatter.maximumSignificantDigits = digits
            formatter.positiveInfinitySymbol = ".inf"
            formatter.negativeInfinitySymbol = "-.inf"
            formatter.notANumberSymbol = ".nan"
            formatter.exponentSymbol = "e+"
            return formatter
        }
        let double = formatter(15)
        let float = formatter(7)
        var random = Random(state: 11)
        var values: [Double] = [
            0, -0.0, 1, -1, 4.639200000000005e-05, 0.125, 9.9999999999999995, Double.leastNonzeroMagnitude, 0.1, 1.5,
            -2.25, 100, 1e-5, 123456.789, 1e300, -1e-300, .infinity, -.infinity,
        ]
        for _ in 0..<500 {
            let mantissa = Double(random.below(2_000_000)) / 1000 - 1000
            values.append(mantissa * pow(10, Double(random.below(40) - 20)))
        }
        for value in values {
            let upstream = double.string(for: value)!.replacing("+-", with: "-")
            #expect(try Node(value).string == upstream, "\(value)")
            let single = Float(value)
            let upstreamFloat = float.string(for: single)!.replacing("+-", with: "-")
            #expect(try Node(single).string == upstreamFloat, "\(single)")
        }
        #expect(try Node(Double.nan).string == ".nan")
    }
}
