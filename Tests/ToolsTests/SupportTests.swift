import Foundation
import Testing

@testable import Tools

/// The stand-ins for full Foundation in Sources/Tools give what Foundation gave.
@Suite struct SupportTests {
    static let texts = [
        "", " ", "a", "  a b  ", "\t\ny\n", "\u{A0}x\u{3000}", "\u{2028}z\u{85}", "\r\n\r\n", "é\u{301} ",
        " \u{200B}w\u{200B} ", "\u{FEFF}v", "n\u{1680}",
    ]

    @Test(arguments: texts)
    func trimmingAsFoundation(_ text: String) {
        #expect(text.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["/", "/a", "a/b", "/a/b/c", "/a/b/c/", "/a/b//c", "/a//", "/a/b"])
    func directoryAsNSString(_ path: String) {
        #expect(path.parentPath == NSString(string: path).deletingLastPathComponent)
    }

    /// Where swift-corelibs-foundation's NSString crashes ("", "a", "a/") or gives "" for "//".
    @Test func directoryOfTheOtherPaths() {
        #expect("".parentPath == "")
        #expect("a".parentPath == "")
        #expect("a/".parentPath == "")
        #expect("//".parentPath == "/")
    }

    @Test func oneDecimalAsStringFormat() {
        var values: [Double] = [
            0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.75, 1.25, 9.95, 9.96, 9.94, 0.049_999_999_999_999_996,
        ]
        for step in 0..<10_000 { values.append(Double(step) / 1000) }
        for step in 0..<2_000 { values.append(Double(step) * 0.005) }
        for value in values {
            #expect(Formatting.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
    }

    @Test func secondsAsBefore() {
        #expect(ToolExecutor.seconds(0.25) == "0.2 s")
        #expect(ToolExecutor.seconds(9.99) == "10.0 s")
        #expect(ToolExecutor.seconds(12.5) == "13 s")
    }
}
