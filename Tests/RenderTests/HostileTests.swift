import Render
import Testing

@Suite("Hostile payloads are shown, never interpreted")
struct HostileTests {
    struct Payload: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// Part of how it must look once neutralised.
        var shownAs: String
        var testDescription: String { name }
    }

    static let payloads = [
        Payload(name: "OSC 0 window title", text: "\u{1B}]0;pwned\u{07}", shownAs: "^[]0;pwned^G"),
        Payload(name: "OSC 2 title ended by ST", text: "\u{1B}]2;pwned\u{1B}\\", shownAs: "^[]2;pwned^["),
        Payload(name: "OSC 52 clipboard", text: "\u{1B}]52;c;cm0gLXJmIH4K\u{07}", shownAs: "^[]52;c;"),
        Payload(name: "clear screen", text: "\u{1B}[2J\u{1B}[H", shownAs: "^[[2J^[[H"),
        Payload(name: "DCS", text: "\u{1B}P+q544e\u{1B}\\", shownAs: "^[P+q544e"),
        Payload(name: "BEL", text: "ding\u{07}", shownAs: "ding^G"),
        Payload(name: "C1 CSI", text: "\u{9B}31mred", shownAs: "<U+009B>31mred"),
        Payload(name: "C1 OSC and ST", text: "\u{9D}0;t\u{9C}", shownAs: "<U+009D>0;t<U+009C>"),
        Payload(name: "bidi override", text: "\u{202E}gpj.exe\u{202C}", shownAs: "<U+202E>gpj.exe<U+202C>"),
        Payload(name: "bidi isolate", text: "\u{2066}x\u{2069}", shownAs: "<U+2066>x<U+2069>"),
        Payload(
            name: "OSC 8 link of its own", text: "\u{1B}]8;;https://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\",
            shownAs: "^[]8;;"),
        Payload(name: "carriage return and erase", text: "safe\r\u{1B}[Kevil", shownAs: "safe^M^[[Kevil"),
        Payload(name: "NUL, backspace and DEL", text: "a\u{0}b\u{8}c\u{7F}", shownAs: "a^@b^Hc^?"),
    ]

    static let contexts = [
        "prose {} here\n", "inline `{}` code\n", "```\ncode {}\n```\n", "```python\n{}\n```\n",
        "| a | b |\n|---|---|\n| {} | x |\n", "| {} long long long long long | b |\n|---|---|\n| c | d |\n",
        "[link](https://x.io/{})\n", "[link]({})\n", "[{}](https://x.io)\n", "<https://x.io/{}>\n", "# heading {}\n",
        "- item {}\n", "- [ ] task {}\n", "> quote {}\n", "**bold {}**\n", "x | {}\nnot a table\n", "ends open {}",
    ]

    @Test(arguments: payloads)
    func neutralisedEverywhere(_ payload: Payload) {
        for context in HostileTests.contexts {
            let reply = context.replacing("{}", with: payload.text)
            for seed in UInt64(0)...4 {
                let pieces = seed == 0 ? [reply] : randomPieces(reply, seed: seed)
                for style in [linked, colored] {
                    let out = render(pieces, style: style, width: 40, height: 24, highlighted: true)
                    let violations = OutputAudit.violations(in: out)
                    #expect(violations.isEmpty, "\(visible(reply)), seed \(seed): \(violations)")
                    var screen = VirtualTerminal(width: 40, height: 24)
                    screen.feed(out)
                    #expect(screen.problems.isEmpty, "\(visible(reply)): \(screen.problems)")
                }
                let plain = render(pieces, style: .plain)
                #expect(OutputAudit.violations(in: plain).isEmpty && !plain.utf8.contains(0x1B), "\(visible(reply))")
            }
            let out = render([reply], style: linked, width: 200)
            let visibleText = SGR.stripped(out)
            // As link text, a payload's own `[` may pair with the link's `]`: Markdown, and still neutralised.
            if context != "[{}](https://x.io)\n" {
                #expect(visibleText.contains(payload.shownAs), "\(visible(reply)) shows as \(visible(out))")
            }
        }
    }

    @Test func aHyperlinkTargetIsPercentEncoded() {
        let out = render(["[x](https://x.io/\u{9B}\u{202E}a)\n"], style: linked)
        #expect(out.contains("\u{1B}]8;;https://x.io/%C2%9B%E2%80%AEa\u{1B}\\"))
        #expect(SGR.stripped(out).contains("(https://x.io/<U+009B><U+202E>a)"))
    }

    @Test func theAuditCatchesWhatItShould() {
        #expect(
            OutputAudit.violations(in: "ok \u{1B}[1mbold\u{1B}[0m\r\u{1B}[2A\u{1B}[J\u{1B}]8;;https://a\u{1B}\\x")
                .isEmpty)
        for bad in [
            "\u{1B}]0;t\u{07}", "\u{1B}[2J", "\u{1B}[H", "\u{1B}P", "\u{07}", "\u{9B}", "\u{202E}",
            "\u{1B}]8;;a b\u{1B}\\",
        ] {
            #expect(!OutputAudit.violations(in: bad).isEmpty, "\(visible(bad))")
        }
    }
}
