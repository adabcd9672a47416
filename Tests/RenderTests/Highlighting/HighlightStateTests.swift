import Render
import Testing

@Suite("State carried from line to line")
struct HighlightStateTests {
    static let cases: [Golden] = [
        Golden(
            "c",
            ["int a; /* one", "two", "three */ int b;", "int c;"],
            ["«ty»int«» a; «com»/* one«»", "«com»two«»", "«com»three */ «/ty»int«» b;", "«ty»int«» c;"]),
        Golden(
            "python",
            ["def f():", #"    """Doc"#, "    more", #"    """"#, "    return 1"],
            [
                "«kw»def «/fn»f«»():", #"    «str»"""Doc«»"#, "«str»    more«»", #"«str»    """«»"#,
                "    «kw»return «/num»1«»",
            ]),
        Golden(
            "bash",
            ["cat <<EOF", "if $x then", "EOF", "if true; then :; fi"],
            [
                "cat «meta»<<EOF«»", "«str»if «/var»$x«/str» then«»", "«meta»EOF«»",
                "«kw»if «/fn»true«»; «kw»then«» :; «kw»fi«»",
            ]),
        Golden(
            "bash",
            ["cat <<EOF", " EOF", "EOF ", "EOF"],
            ["cat «meta»<<EOF«»", "«str» EOF«»", "«str»EOF «»", "«meta»EOF«»"]),
        Golden(
            "js",
            ["const s = `a", "// not a comment", "b` // a comment"],
            ["«kw»const«» s = «str»`a«»", "«str»// not a comment«»", "«str»b` «/com»// a comment«»"]),
        Golden(
            "rust",
            ["/* a /* b */", "still */ fn f() {}"],
            ["«com»/* a /* b */«»", "«com»still */ «/kw»fn «/fn»f«»() {}"]),
        Golden(
            "sql",
            ["SELECT 'a", "b' FROM t"],
            ["«kw»SELECT «/str»'a«»", "«str»b' «/kw»FROM«» t"]),
        Golden(
            "html",
            ["<a", #"  href="x">link</a> <!--"#, "-->"],
            ["«tag»<a«»", #"  «attr»href«»=«str»"x"«/tag»>«»link«tag»</a> «/com»<!--«»"#, "«com»-->«»"]),
        Golden(
            "yaml",
            ["run: |", "  a: b", "", "  c", "next: 1"],
            ["«key»run«»: «meta»|«»", "  «str»a: b«»", "", "  «str»c«»", "«key»next«»: «num»1«»"]),
        Golden(
            "python",
            ["x = 'open", "y = 2"],
            ["x = «str»'open«»", "y = «num»2«»"]),
    ]

    @Test(arguments: cases)
    func constructsGoOnOverLines(_ golden: Golden) throws {
        let output = try #require(highlight(golden.language, golden.lines))
        #expect(output.count == golden.expected.count)
        for (line, expected) in zip(output, golden.expected) {
            #expect(line == expand(expected), "got \(describe(line))")
        }
    }

    @Test func eachHighlighterCarriesItsOwnState() throws {
        var first = try #require(SyntaxHighlighter(language: "c"))
        var second = first
        _ = first.highlight("/* open")
        #expect(second.highlight("int x;") == expand("«ty»int«» x;"))
        #expect(first.highlight("int x;") == expand("«com»int x;«»"))
    }

    @Test func aHashBangCountsOnlyOnTheFirstLine() throws {
        let output = try #require(highlight("sh", ["#!/bin/sh", "#!x"]))
        #expect(output == [expand("«com»#!/bin/sh«»"), expand("«com»#!x«»")])
        let rust = try #require(highlight("rust", ["#![no_std]"]))
        #expect(rust == [expand("«meta»#![no_std]«»")])
    }
}
