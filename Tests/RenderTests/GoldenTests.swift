import Render
import Testing

/// One Markdown reply and the exact bytes it renders to, fed whole.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    var name: String
    var markdown: String
    var width = 80
    var style = colored
    var highlighted = false
    /// The output, with ⎋ for ESC.
    var expected: String

    var testDescription: String { name }
}

@Suite("Golden output for every construct")
struct GoldenTests {
    static let cases: [GoldenCase] = [
        GoldenCase(
            name: "headings", markdown: "# One\n## Two *em*\n### Three ###\n#### Four\n#NoSpace\n",
            expected: "⎋[1;4;35mOne⎋[0m\n⎋[1;35mTwo ⎋[0;1;3;35mem⎋[0m\n⎋[1mThree⎋[0m\n⎋[1mFour⎋[0m\n#NoSpace\n"),
        GoldenCase(
            name: "emphasis and code spans",
            markdown:
                "Plain *it*, _it_, **bold**, __bold__, ***both***, ~~gone~~, ~5 min, snake_case_name, `co*de*`, 2 * 3.\n",
            expected:
                "Plain ⎋[3mit⎋[0m, ⎋[3mit⎋[0m, ⎋[1mbold⎋[0m, ⎋[1mbold⎋[0m, ⎋[1;3mboth⎋[0m, ⎋[9mgone⎋[0m, ~5 min, snake_case_name, ⎋[36mco*de*⎋[0m, 2 * 3.\n"
        ),
        GoldenCase(
            name: "code spans with backticks", markdown: "Use ``a ` b`` and `` `x` `` and \\*not\\*.\n",
            expected: "Use ⎋[36ma ` b⎋[0m and ⎋[36m`x`⎋[0m and *not*.\n"),
        GoldenCase(
            name: "links without OSC 8",
            markdown:
                "See [the *docs*](https://example.com/docs \"Docs\") or <https://example.com>, [https://a.b](https://a.b), ![logo](https://x.io/l.png).\n",
            expected:
                "See ⎋[4;34mthe ⎋[0;3;4;34mdocs⎋[0;2m (https://example.com/docs)⎋[0m or ⎋[4;34mhttps://example.com⎋[0m, ⎋[4;34mhttps://a.b⎋[0m, ⎋[4;34mlogo⎋[0;2m (https://x.io/l.png)⎋[0m.\n"
        ),
        GoldenCase(
            name: "links with OSC 8",
            markdown: "See [the *docs*](https://example.com/docs \"Docs\") or <https://example.com/ü>.\n",
            style: linked,
            expected:
                "See ⎋]8;;https://example.com/docs⎋\\⎋[4;34mthe ⎋[0;3;4;34mdocs⎋]8;;⎋\\⎋[0;2m (https://example.com/docs)⎋[0m or ⎋]8;;https://example.com/%C3%BC⎋\\⎋[4;34mhttps://example.com/ü⎋]8;;⎋\\⎋[0m.\n"
        ),
        GoldenCase(
            name: "nested lists",
            markdown: "- one\n- two\n  - nested *x*\n    - deeper\n  - back\n- three\n* star\n+ plus\n",
            expected:
                "⎋[33m•⎋[0m one\n⎋[33m•⎋[0m two\n  ⎋[33m◦⎋[0m nested ⎋[3mx⎋[0m\n    ⎋[33m▪⎋[0m deeper\n  ⎋[33m◦⎋[0m back\n⎋[33m•⎋[0m three\n⎋[33m•⎋[0m star\n⎋[33m•⎋[0m plus\n"
        ),
        GoldenCase(
            name: "ordered and task lists",
            markdown: "1. first\n2) second\n   1. inner\n- [ ] todo\n- [x] done\n- [X] Done\n1. [ ] numbered task\n",
            expected:
                "⎋[33m1.⎋[0m first\n⎋[33m2)⎋[0m second\n   ⎋[33m1.⎋[0m inner\n⎋[33m☐⎋[0m todo\n⎋[33m☑⎋[0m done\n⎋[33m☑⎋[0m Done\n⎋[33m1.⎋[0m ⎋[33m☐⎋[0m numbered task\n"
        ),
        GoldenCase(
            name: "block quotes",
            markdown: "> quoted **bold**\n> > nested\n>\n> - item in quote\n> # heading in quote\n",
            expected:
                "⎋[90m│ ⎋[0mquoted ⎋[1mbold⎋[0m\n⎋[90m│ │ ⎋[0mnested\n⎋[90m│ ⎋[0m\n⎋[90m│ ⎋[0;33m•⎋[0m item in quote\n⎋[90m│ ⎋[0;1;4;35mheading in quote⎋[0m\n"
        ),
        GoldenCase(
            name: "rules at a narrow width", markdown: "---\n***\n_ _ _\n", width: 12,
            expected: "⎋[2m────────────⎋[0m\n⎋[2m────────────⎋[0m\n⎋[2m────────────⎋[0m\n"),
        GoldenCase(
            name: "rules stop at 80 columns", markdown: "text\n\n- - -\n", width: 200,
            expected:
                "text\n\n⎋[2m────────────────────────────────────────────────────────────────────────────────⎋[0m\n"),
        GoldenCase(
            name: "a backtick fence with a language", markdown: "```python\ndef f(x):\n\treturn x  \n```\nafter\n",
            expected: "⎋[2m```python⎋[0m\ndef f(x):\n\treturn x  \n⎋[2m```⎋[0m\nafter\n"),
        GoldenCase(
            name: "a highlighted fence", markdown: "```python title=\"f.py\"\ndef f(x):  # doc\n\treturn 'x'\n```\n",
            highlighted: true,
            expected:
                "⎋[2m```python title=\"f.py\"⎋[0m\n⎋[1;34mdef⎋[0m f(x):  ⎋[2m# doc⎋[0m\n\t⎋[1;34mreturn⎋[0m ⎋[32m'x'⎋[0m\n⎋[2m```⎋[0m\n"
        ),
        GoldenCase(
            name: "tilde and longer fences", markdown: "~~~~ sh\n~~~\n```\n# not a heading\n~~~~~\nafter\n",
            expected: "⎋[2m~~~~ sh⎋[0m\n~~~\n```\n# not a heading\n⎋[2m~~~~~⎋[0m\nafter\n"),
        GoldenCase(
            name: "a fence inside a list item", markdown: "1. Step:\n\n   ```bash\n   make\n     indented\n   ```\n",
            expected: "⎋[33m1.⎋[0m Step:\n\n⎋[2m```bash⎋[0m\nmake\n  indented\n⎋[2m```⎋[0m\n"),
        GoldenCase(name: "a fence left open", markdown: "```\ncode", expected: "⎋[2m```⎋[0m\ncode\n"),
        GoldenCase(
            name: "a table",
            markdown:
                "| Name | Qty | Note |\n|:-----|----:|:----:|\n| apple | 3 | **fresh** |\n| 漢字 | 12 | `x` |\n\nDone.\n",
            expected:
                "⎋[2m┌───────┬─────┬───────┐⎋[0m\n⎋[2m│⎋[0m ⎋[1mName⎋[0m  ⎋[2m│⎋[0m ⎋[1mQty⎋[0m ⎋[2m│⎋[0m ⎋[1mNote⎋[0m  ⎋[2m│⎋[0m\n⎋[2m├───────┼─────┼───────┤⎋[0m\n⎋[2m│⎋[0m apple ⎋[2m│⎋[0m   3 ⎋[2m│⎋[0m ⎋[1mfresh⎋[0m ⎋[2m│⎋[0m\n⎋[2m│⎋[0m 漢字  ⎋[2m│⎋[0m  12 ⎋[2m│⎋[0m   ⎋[36mx⎋[0m   ⎋[2m│⎋[0m\n⎋[2m└───────┴─────┴───────┘⎋[0m\n\nDone.\n"
        ),
        GoldenCase(
            name: "a table too wide is printed raw",
            markdown: "| a long header | another |\n|---|---|\n| cell | **cell** |\n", width: 20,
            expected: "| a long header | another |\n|---|---|\n| cell | **cell** |\n"),
        GoldenCase(
            name: "a table without outer pipes", markdown: "a | b\n--|--\n1 | 2\nafter\n",
            expected:
                "⎋[2m┌───┬───┐⎋[0m\n⎋[2m│⎋[0m ⎋[1ma⎋[0m ⎋[2m│⎋[0m ⎋[1mb⎋[0m ⎋[2m│⎋[0m\n⎋[2m├───┼───┤⎋[0m\n⎋[2m│⎋[0m 1 ⎋[2m│⎋[0m 2 ⎋[2m│⎋[0m\n⎋[2m└───┴───┘⎋[0m\nafter\n"
        ),
        GoldenCase(
            name: "a table ended by a paragraph line", markdown: "| a |\n|---|\n| 1 |\nNext *line*\n",
            expected:
                "⎋[2m┌───┐⎋[0m\n⎋[2m│⎋[0m ⎋[1ma⎋[0m ⎋[2m│⎋[0m\n⎋[2m├───┤⎋[0m\n⎋[2m│⎋[0m 1 ⎋[2m│⎋[0m\n⎋[2m└───┘⎋[0m\nNext ⎋[3mline⎋[0m\n"
        ),
        GoldenCase(
            name: "a table with an escaped pipe and a short row",
            markdown: "| a | b |\n|---|---|\n| x \\| y |\n| 1 | 2 | 3 |\n",
            expected:
                "⎋[2m┌───────┬───┬───┐⎋[0m\n⎋[2m│⎋[0m ⎋[1ma⎋[0m     ⎋[2m│⎋[0m ⎋[1mb⎋[0m ⎋[2m│⎋[0m   ⎋[2m│⎋[0m\n⎋[2m├───────┼───┼───┤⎋[0m\n⎋[2m│⎋[0m x | y ⎋[2m│⎋[0m   ⎋[2m│⎋[0m   ⎋[2m│⎋[0m\n⎋[2m│⎋[0m 1     ⎋[2m│⎋[0m 2 ⎋[2m│⎋[0m 3 ⎋[2m│⎋[0m\n⎋[2m└───────┴───┴───┘⎋[0m\n"
        ),
        GoldenCase(name: "a pipe in prose is no table", markdown: "x | y\nplain\n", expected: "x | y\nplain\n"),
        GoldenCase(
            name: "a header with no rows at the end", markdown: "| a | b |\n|---|---|",
            expected:
                "⎋[2m┌───┬───┐⎋[0m\n⎋[2m│⎋[0m ⎋[1ma⎋[0m ⎋[2m│⎋[0m ⎋[1mb⎋[0m ⎋[2m│⎋[0m\n⎋[2m├───┼───┤⎋[0m\n⎋[2m└───┴───┘⎋[0m\n"
        ),
        GoldenCase(
            name: "CR LF line ends", markdown: "line one\r\nline **two**\r\nlone\rCR\r\n",
            expected: "line one\nline ⎋[1mtwo⎋[0m\nlone^MCR\n"),
        GoldenCase(
            name: "blank and indented lines", markdown: "para\n\n    indented *text*\n   \n",
            expected: "para\n\n    indented ⎋[3mtext⎋[0m\n   \n"),
        GoldenCase(
            name: "color off writes the text as it came",
            markdown: "# Title\n**bold** `code` [l](https://x.y)\n| a |\n|---|\n```\ncode\n```\n", style: .plain,
            expected: "# Title\n**bold** `code` [l](https://x.y)\n| a |\n|---|\n```\ncode\n```\n"),
        GoldenCase(
            name: "color off still neutralises",
            markdown: "bad \u{1B}]0;x\u{07} \u{9B}2J \u{202E}done", style: .plain,
            expected: "bad ^[]0;x^G <U+009B>2J <U+202E>done\n"),
    ]

    @Test(arguments: cases)
    func rendersExactly(_ golden: GoldenCase) {
        let out = render(
            [golden.markdown], style: golden.style, width: golden.width, highlighted: golden.highlighted)
        #expect(visible(out) == golden.expected, "\(golden.name)")
    }
}
