import Render
import Testing

@Suite("Stripping SGR")
struct SGRTests {
    @Test(arguments: [
        ("plain", "plain"), ("\u{1B}[1mbold\u{1B}[0m", "bold"), ("\u{1B}[0;1;36mx\u{1B}[m", "x"),
        ("keep \u{1B}[2J and \u{1B}]8;;u\u{1B}\\", "keep \u{1B}[2J and \u{1B}]8;;u\u{1B}\\"),
        ("cut \u{1B}[1", "cut \u{1B}[1"),
        ("\t漢\u{1B}[32m字\u{1B}[0m  ", "\t漢字  "),
    ])
    func removesOnlySGR(_ input: String, _ expected: String) {
        #expect(SGR.stripped(input) == expected)
    }
}

@Suite("OSC 52 copy")
struct ClipboardTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("hello", "aGVsbG8="), ("漢\n", "5ryiCg=="),
        ("\u{1B}", "Gw=="),
    ])
    func encodesInBase64(_ text: String, _ base64: String) {
        #expect(Clipboard.osc52(text, tmux: false) == "\u{1B}]52;c;\(base64)\u{07}")
    }

    @Test func wrapsForTmuxWithEveryEscapeDoubled() {
        #expect(Clipboard.osc52("hi", tmux: true) == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
    }
}

@Suite("Extracting code blocks")
struct CodeBlocksTests {
    @Test(arguments: [
        ("no code", []),
        ("```\na\n```", [CodeBlock(language: "", content: "a")]),
        (
            "```python title=\"x\"\n\tdef f():  \n\n    return 1\n```\n",
            [
                CodeBlock(language: "python", content: "\tdef f():  \n\n    return 1")
            ]
        ),
        ("~~~~ sh\n~~~\n```\n~~~~~\n", [CodeBlock(language: "sh", content: "~~~\n```")]),
        ("```\n```\n", [CodeBlock(language: "", content: "")]),
        (
            "a\n```js\nx\n```\nb\n```\ny\n```",
            [CodeBlock(language: "js", content: "x"), CodeBlock(language: "", content: "y")]
        ),
        ("```c++\nopen\n", [CodeBlock(language: "c++", content: "open")]),
        ("```\nopen\n\n", [CodeBlock(language: "", content: "open\n")]),
        ("1. step\n\n   ```bash\n   make\n     -j\n   ```\n", [CodeBlock(language: "bash", content: "make\n  -j")]),
        ("```\r\nwin\r\n```\r\n", [CodeBlock(language: "", content: "win")]),
        ("inline ```not``` fence\n", []),
        ("```\n    ```\nstill\n```", [CodeBlock(language: "", content: "    ```\nstill")]),
    ])
    func findsEachBlockExactly(_ markdown: String, _ blocks: [CodeBlock]) {
        #expect(CodeBlocks.extract(from: markdown) == blocks)
    }
}
