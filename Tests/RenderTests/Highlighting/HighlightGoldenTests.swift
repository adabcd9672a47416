import Render
import Testing

/// Lines of one language and the exact lines expected back, in the notation of `expand`.
///
/// One highlighter highlights the lines in order, as it would a code block.
struct Golden: CustomTestStringConvertible, Sendable {
    let language: String
    let lines: [String]
    let expected: [String]

    init(_ language: String, _ lines: [String], _ expected: [String]) {
        self.language = language
        self.lines = lines
        self.expected = expected
    }

    var testDescription: String { "\(language): \(lines.first ?? "")" }
}

@Suite("Each language is coloured exactly as expected")
struct HighlightGoldenTests {
    static let cases: [Golden] = [
        Golden(
            "python",
            [
                #"def greet(name: str = "world") -> None:"#,
                "    return len(name) + 42  # trailing",
            ],
            [
                #"«kw»def «/fn»greet«»(name: «ty»str«» = «str»"world"«») -> «con»None«»:"#,
                "    «kw»return «/fn»len«»(name) + «num»42  «/com»# trailing«»",
            ]),
        Golden(
            "python",
            [
                "@dataclass",
                "class Point(Base):",
                "    x: float = 1.5e-3; y = 0x1F; z = None",
            ],
            [
                "«meta»@dataclass«»",
                "«kw»class «/ty»Point«»(«ty»Base«»):",
                "    x: «ty»float«» = «num»1.5e-3«»; y = «num»0x1F«»; z = «con»None«»",
            ]),
        Golden(
            "python",
            [
                #"print(f"Hello {name}!", r'\d+', b"x" if ok else True)"#,
                "x = 'unterminated",
                "y = 1",
            ],
            [
                #"«fn»print«»(«str»f"Hello {name}!"«», «str»r'\d+'«», «str»b"x" «/kw»if«» ok «kw»else «/con»True«»)"#,
                "x = «str»'unterminated«»",
                "y = «num»1«»",
            ]),
        Golden(
            "python",
            [
                "def f():",
                #"    """A docstring"#,
                "    that goes on",
                #"    and ends.""""#,
                "    pass",
            ],
            [
                "«kw»def «/fn»f«»():",
                #"    «str»"""A docstring«»"#,
                "«str»    that goes on«»",
                #"«str»    and ends."""«»"#,
                "    «kw»pass«»",
            ]),
        Golden(
            "python",
            [
                "#!/usr/bin/env python3",
                "s = '''one''' + ''' two",
                "three''' # done",
            ],
            [
                "«com»#!/usr/bin/env python3«»",
                "s = «str»'''one'''«» + «str»''' two«»",
                "«str»three''' «/com»# done«»",
            ]),
        Golden(
            "sh",
            [
                "#!/bin/bash",
                "set -euo pipefail # strict",
                #"NAME="world $USER" COUNT=3 ./run.sh"#,
            ],
            [
                "«com»#!/bin/bash«»",
                "«fn»set«» -euo pipefail «com»# strict«»",
                #"«var»NAME«»=«str»"world «/var»$USER«/str»" «/var»COUNT«»=3 ./run.sh"#,
            ]),
        Golden(
            "sh",
            [
                #"for f in *.txt; do echo "${f%.txt}" $(basename "$f") >> out.log; done"#,
                #"if [[ -n "$NAME" && $# -gt 0 ]]; then export PATH="$HOME/bin:$PATH"; fi"#,
            ],
            [
                #"«kw»for«» f «kw»in«» *.txt; «kw»do «/fn»echo «/str»"«/var»${f%.txt}«/str»" «/var»$(«»basename «str»"«/var»$f«/str»"«») >> out.log; «kw»done«»"#,
                #"«kw»if [[«» -n «str»"«/var»$NAME«/str»"«» && «var»$#«» -gt «num»0«» ]]; «kw»then «/fn»export «/var»PATH«»=«str»"«/var»$HOME«/str»/bin:«/var»$PATH«/str»"«»; «kw»fi«»"#,
            ]),
        Golden(
            "sh",
            [
                "cat <<EOF > /tmp/out",
                #"hello $NAME, "quoted" \$HOME"#,
                "EOF",
                "echo done",
            ],
            [
                "cat «meta»<<EOF«» > /tmp/out",
                #"«str»hello «/var»$NAME«/str», "quoted" \$HOME«»"#,
                "«meta»EOF«»",
                "«fn»echo«» done",
            ]),
        Golden(
            "sh",
            [
                "cat <<-'END'",
                "\t$NOT_EXPANDED",
                "\tEND",
            ],
            [
                "cat «meta»<<-'END'«»",
                "«str»\t$NOT_EXPANDED«»",
                "\t«meta»END«»",
            ]),
        Golden(
            "sh",
            [
                "echo 'multi",
                "line' done # not a keyword",
                "echo a#b 2>&1",
            ],
            [
                "«fn»echo «/str»'multi«»",
                "«str»line'«» done «com»# not a keyword«»",
                "«fn»echo«» a#b «num»2«»>&«num»1«»",
            ]),
        Golden(
            "bash",
            [
                #"apt-get install -y \"#,
                #"    curl && \"#,
                "    rm -rf /tmp/x",
            ],
            [
                #"apt-get install -y \"#,
                #"    curl && \"#,
                "    rm -rf /tmp/x",
            ]),
        Golden(
            "console",
            [
                "$ ls -la ~/src",
                "total 8",
                "# apt-get update",
                #"% echo "hi" | tr a-z A-Z"#,
                "HI",
            ],
            [
                "«dim»$ «»ls -la ~/src",
                "total 8",
                "«dim»# «»apt-get update",
                #"«dim»% «/fn»echo «/str»"hi"«» | tr a-z A-Z"#,
                "HI",
            ]),
        Golden(
            "console",
            [
                "$ cat <<EOF > f.txt",
                "> line $HOME",
                "> EOF",
                "done",
            ],
            [
                "«dim»$ «»cat «meta»<<EOF«» > f.txt",
                "«dim»> «/str»line «/var»$HOME«»",
                "«dim»> «/meta»EOF«»",
                "done",
            ]),
        Golden(
            "dockerfile",
            [
                "# syntax=docker/dockerfile:1",
                "FROM python:3.12-slim AS build",
                "ENV PIP_NO_CACHE_DIR=1 APP_HOME=/app",
                #"RUN apt-get update && \"#,
                "    apt-get install -y curl",
                #"CMD ["python", "-m", "app"]"#,
            ],
            [
                "«com»# syntax=docker/dockerfile:1«»",
                "«kw»FROM«» python:3.12-slim «kw»AS«» build",
                "«kw»ENV «/var»PIP_NO_CACHE_DIR«»=1 «var»APP_HOME«»=/app",
                #"«kw»RUN«» apt-get update && \"#,
                "    apt-get install -y curl",
                #"«kw»CMD«» [«str»"python"«», «str»"-m"«», «str»"app"«»]"#,
            ]),
        Golden(
            "js",
            [
                #"import { readFile } from "node:fs/promises";"#,
                #"const re = /ab+c\/[/]/gi, n = 10 / 2 / x; // comment"#,
            ],
            [
                #"«kw»import«» { readFile } «kw»from «/str»"node:fs/promises"«»;"#,
                #"«kw»const«» re = «re»/ab+c\/[/]/gi«», n = «num»10«» / «num»2«» / x; «com»// comment«»"#,
            ]),
        Golden(
            "js",
            [
                "export default async function main(args) {",
                "  if (typeof x === 'undefined' || x == null) return console.log(this.value, 123n);",
                "}",
            ],
            [
                "«kw»export default async function «/fn»main«»(args) {",
                "  «kw»if«» («kw»typeof«» x === «str»'undefined'«» || x == «con»null«») «kw»return «/fn»console«».«fn»log«»(«con»this«».value, «num»123n«»);",
                "}",
            ]),
        Golden(
            "js",
            [
                "let msg = `Hello ${name}",
                "multi ${a + b} line`;",
            ],
            [
                "«kw»let«» msg = «str»`Hello ${name}«»",
                "«str»multi ${a + b} line`«»;",
            ]),
        Golden(
            "ts",
            [
                "@Component({ selector: 'app' })",
                "class Foo extends Bar<T> implements Baz { private readonly el: string = $('#id'); }",
            ],
            [
                "«meta»@Component«»({ selector: «str»'app'«» })",
                "«kw»class «/ty»Foo «/kw»extends «/ty»Bar«»<T> «kw»implements «/ty»Baz«» { «kw»private readonly«» el: «ty»string«» = «fn»$«»(«str»'#id'«»); }",
            ]),
        Golden(
            "ts",
            [
                "/* block",
                "   comment",
                "   ends */ const big = 0xFF + 1_000.5e+3;",
            ],
            [
                "«com»/* block«»",
                "«com»   comment«»",
                "«com»   ends */ «/kw»const«» big = «num»0xFF«» + «num»1_000.5e+3«»;",
            ]),
        Golden(
            "json",
            [
                "{",
                #"  "name": "parley", "version": 1.5e3, "ok": true, "none": null,"#,
                #"  "list": [1, -2, "three"], "esc": "a\"b\\""#,
                "}",
            ],
            [
                "{",
                #"  «key»"name"«»: «str»"parley"«», «key»"version"«»: «num»1.5e3«», «key»"ok"«»: «con»true«», «key»"none"«»: «con»null«»,"#,
                #"  «key»"list"«»: [«num»1«», -«num»2«», «str»"three"«»], «key»"esc"«»: «str»"a\"b\\"«»"#,
                "}",
            ]),
        Golden(
            "jsonc",
            [
                "// comment",
                #"{ unquoted: 'single', /* inline */ "n": 0 }"#,
            ],
            [
                "«com»// comment«»",
                #"{ «key»unquoted«»: «str»'single'«», «com»/* inline */ «/key»"n"«»: «num»0«» }"#,
            ]),
        Golden(
            "yaml",
            [
                "---",
                "name: parley  # trailing",
                "port: 8080",
                "version: 1.2.3",
            ],
            [
                "«meta»---«»",
                "«key»name«»: parley  «com»# trailing«»",
                "«key»port«»: «num»8080«»",
                "«key»version«»: 1.2.3",
            ]),
        Golden(
            "yaml",
            [
                "list:",
                "  - item one with 42 and true",
                "  - key: yes",
                "    other: [a, 1, true]",
                #"quote: "double \" esc""#,
                "single: 'it''s'",
            ],
            [
                "«key»list«»:",
                "  - item one with 42 and true",
                "  - «key»key«»: «con»yes«»",
                "    «key»other«»: [a, «num»1«», «con»true«»]",
                #"«key»quote«»: «str»"double \" esc"«»"#,
                "«key»single«»: «str»'it''s'«»",
            ]),
        Golden(
            "yaml",
            [
                "anchors: &base",
                "  <<: *base",
                "tag: !!str 123",
                "url: http://example.com:8080/path",
            ],
            [
                "«key»anchors«»: «meta»&base«»",
                "  «key»<<«»: «meta»*base«»",
                "«key»tag«»: «meta»!!str«» 123",
                "«key»url«»: http://example.com:8080/path",
            ]),
        Golden(
            "yaml",
            [
                "script: |",
                #"  echo "hello""#,
                "    indented: not a key",
                "  # not a comment",
                "after: ~",
            ],
            [
                "«key»script«»: «meta»|«»",
                #"  «str»echo "hello"«»"#,
                "    «str»indented: not a key«»",
                "  «str»# not a comment«»",
                "«key»after«»: «con»~«»",
            ]),
        Golden(
            "toml",
            [
                "# comment",
                #"title = "TOML \"Example\"""#,
                "[owner]",
                "dob = 1979-05-27T07:32:00-08:00",
            ],
            [
                "«com»# comment«»",
                #"«key»title«» = «str»"TOML \"Example\""«»"#,
                "«head»[owner]«»",
                "«key»dob«» = «num»1979-05-27T07:32:00-08:00«»",
            ]),
        Golden(
            "toml",
            [
                "[[products]]",
                #""quoted key".sub-key = true"#,
                "nums = [",
                "  [4, 5],",
                "]",
                "inline = { x = 1, y = 'two' }",
            ],
            [
                "«head»[[products]]«»",
                #"«key»"quoted key".sub-key«» = «con»true«»"#,
                "«key»nums«» = [",
                "  [«num»4«», «num»5«»],",
                "]",
                "«key»inline«» = { «key»x«» = «num»1«», «key»y«» = «str»'two'«» }",
            ]),
        Golden(
            "toml",
            [
                #"multi = """"#,
                "Roses are red",
                #"""" # done"#,
            ],
            [
                #"«key»multi«» = «str»"""«»"#,
                "«str»Roses are red«»",
                #"«str»""" «/com»# done«»"#,
            ]),
        Golden(
            "go",
            [
                "package main",
                "",
                #"import "fmt""#,
            ],
            [
                "«kw»package«» main",
                "",
                #"«kw»import «/str»"fmt"«»"#,
            ]),
        Golden(
            "go",
            [
                "func (p *Point) Add(q Point) Point {",
                "\tvar r rune = '\\n'",
                "\tfor i := range 10 { fmt.Printf(\"%d %v\\n\", i, nil) }",
            ],
            [
                "«kw»func«» (p *Point) «fn»Add«»(q Point) Point {",
                "\t«kw»var«» r «ty»rune«» = «str»'\\n'«»",
                "\t«kw»for«» i := «kw»range «/num»10«» { fmt.«fn»Printf«»(«str»\"%d %v\\n\"«», i, «con»nil«») }",
            ]),
        Golden(
            "go",
            [
                "s := `raw",
                "string` // done",
            ],
            [
                "s := «str»`raw«»",
                "«str»string` «/com»// done«»",
            ]),
        Golden(
            "rust",
            [
                "#![allow(dead_code)]",
                "#[derive(Debug, Clone)]",
                "pub struct Foo<'a> { name: &'a str, n: u32 }",
            ],
            [
                "«meta»#![allow(dead_code)]«»",
                "«meta»#[derive(Debug, Clone)]«»",
                "«kw»pub struct «/ty»Foo«»<«ty»'a«»> { name: &«ty»'a str«», n: «ty»u32«» }",
            ]),
        Golden(
            "rust",
            [
                #"fn chars(&self) -> Vec<char> { vec!['x', '\'', '\u{1F600}', 'é'] }"#,
                #"let b = b"bytes"; let c = b'a'; let r = 1..=10;"#,
            ],
            [
                #"«kw»fn «/fn»chars«»(&«con»self«») -> «ty»Vec«»<«ty»char«»> { «fn»vec!«»[«str»'x'«», «str»'\''«», «str»'\u{1F600}'«», «str»'é'«»] }"#,
                #"«kw»let«» b = «str»b"bytes"«»; «kw»let«» c = «str»b'a'«»; «kw»let«» r = «num»1«»..=«num»10«»;"#,
            ]),
        Golden(
            "rust",
            [
                #"let s = r#"raw "quoted""#,
                "string\"#;",
                "/* outer /* nested */ still comment",
                #"*/ println!("{}", s);"#,
            ],
            [
                #"«kw»let«» s = «str»r#"raw "quoted"«»"#,
                "«str»string\"#«»;",
                "«com»/* outer /* nested */ still comment«»",
                #"«com»*/ «/fn»println!«»(«str»"{}"«», s);"#,
            ]),
        Golden(
            "c",
            [
                "#include <stdio.h>",
                "#define MAX(a, b) ((a) > (b) ? (a) : (b))",
                #"static const char *name = "hello\n";"#,
            ],
            [
                "«meta»#include «/str»<stdio.h>«»",
                "«meta»#define «/fn»MAX«»(a, b) ((a) > (b) ? (a) : (b))",
                #"«kw»static const «/ty»char«» *name = «str»"hello\n"«»;"#,
            ]),
        Golden(
            "c",
            [
                "int main(int argc, char **argv) {",
                "    unsigned long x = 1'000'000UL; char c = 'a'; float f = .5f;",
                "    return 0; // done",
            ],
            [
                "«ty»int «/fn»main«»(«ty»int«» argc, «ty»char«» **argv) {",
                "    «ty»unsigned long«» x = «num»1'000'000UL«»; «ty»char«» c = «str»'a'«»; «ty»float«» f = «num».5f«»;",
                "    «kw»return «/num»0«»; «com»// done«»",
            ]),
        Golden(
            "cpp",
            [
                #"auto raw = R"delim(raw \n "string""#,
                #"goes on)delim";"#,
                #"std::string s = u8"x"; /* a"#,
                "b */ x++;",
            ],
            [
                #"«kw»auto«» raw = «str»R"delim(raw \n "string"«»"#,
                #"«str»goes on)delim"«»;"#,
                #"std::string s = «str»u8"x"«»; «com»/* a«»"#,
                "«com»b */«» x++;",
            ]),
        Golden(
            "java",
            [
                "@Override",
                #"public static void main(String[] args) throws Exception { char c = '\t'; }"#,
            ],
            [
                "«meta»@Override«»",
                #"«kw»public static «/ty»void «/fn»main«»(«ty»String«»[] args) «kw»throws «/ty»Exception«» { «ty»char«» c = «str»'\t'«»; }"#,
            ]),
        Golden(
            "java",
            [
                #"String block = """"#,
                #"    text "quoted""#,
                #"    """;"#,
            ],
            [
                #"«ty»String«» block = «str»"""«»"#,
                #"«str»    text "quoted"«»"#,
                #"«str»    """«»;"#,
            ]),
        Golden(
            "kotlin",
            [
                "data class User(val name: String, var age: Int = 0) : Person()",
                "val `weird name` = null /* a /* nested */ comment */",
            ],
            [
                "«kw»data class «/ty»User«»(«kw»val«» name: «ty»String«», «kw»var«» age: «ty»Int«» = «num»0«») : «ty»Person«»()",
                "«kw»val «»`weird name` = «con»null «/com»/* a /* nested */ comment */«»",
            ]),
        Golden(
            "kotlin",
            [
                #"val raw = """"#,
                #"    $name \n"#,
                #"""".trimIndent()"#,
            ],
            [
                #"«kw»val«» raw = «str»"""«»"#,
                #"«str»    $name \n«»"#,
                #"«str»"""«».«fn»trimIndent«»()"#,
            ]),
        Golden(
            "swift",
            [
                "@MainActor public struct Foo: Sendable {",
                "    let s = \"a \\(b[\"k\"]) c\", raw = #\"raw \\(x) \"q\"\"#",
            ],
            [
                "«meta»@MainActor «/kw»public struct «/ty»Foo«»: «ty»Sendable«» {",
                "    «kw»let«» s = «str»\"a \\(b[\"k\"]) c\"«», raw = «str»#\"raw \\(x) \"q\"\"#«»",
            ]),
        Golden(
            "swift",
            [
                #"let multi = """"#,
                #"    line \(x)"#,
                #"    """"#,
                "#if os(Linux)",
            ],
            [
                #"«kw»let«» multi = «str»"""«»"#,
                #"«str»    line \(x)«»"#,
                #"«str»    """«»"#,
                "«meta»#if «/fn»os«»(«ty»Linux«»)",
            ]),
        Golden(
            "swift",
            [
                "func bar(_ x: Int?) async throws -> [String: Int] { guard let x else { return [:] } }",
                "/* outer /* inner */ still */ var y = $0.count + 0b1010",
            ],
            [
                "«kw»func «/fn»bar«»(_ x: «ty»Int«»?) «kw»async throws«» -> [«ty»String«»: «ty»Int«»] { «kw»guard let«» x «kw»else«» { «kw»return«» [:] } }",
                "«com»/* outer /* inner */ still */ «/kw»var«» y = $0.count + «num»0b1010«»",
            ]),
        Golden(
            "sql",
            [
                "SELECT u.id, COUNT(*) AS n, 'it''s' FROM users u -- comment",
                "WHERE x = $1 AND y = :name AND z::text = @v AND w IS NOT NULL;",
            ],
            [
                "«kw»SELECT«» u.id, «fn»COUNT«»(*) «kw»AS«» n, «str»'it''s' «/kw»FROM«» users u «com»-- comment«»",
                "«kw»WHERE«» x = «var»$1 «/kw»AND«» y = «var»:name «/kw»AND«» z::«ty»text«» = «var»@v «/kw»AND«» w «kw»IS NOT «/con»NULL«»;",
            ]),
        Golden(
            "sql",
            [
                "/* multi",
                #"   line */ insert into "Table" (a) values (1.5e3, TRUE);"#,
            ],
            [
                "«com»/* multi«»",
                #"«com»   line */ «/kw»insert into «»"Table" (a) «kw»values«» («num»1.5e3«», «con»TRUE«»);"#,
            ]),
        Golden(
            "plpgsql",
            [
                "CREATE FUNCTION f() RETURNS trigger AS $$",
                "BEGIN RETURN NEW; END;",
                "$$ LANGUAGE plpgsql;",
            ],
            [
                "«kw»CREATE FUNCTION«» f() «kw»RETURNS trigger AS «/str»$$«»",
                "«str»BEGIN RETURN NEW; END;«»",
                "«str»$$ «/kw»LANGUAGE«» plpgsql;",
            ]),
        Golden(
            "diff",
            [
                "diff --git a/x.sql b/x.sql",
                "index 83db48f..bf269f4 100644",
                "--- a/x.sql",
                "+++ b/x.sql",
                "@@ -1,3 +1,3 @@ SELECT",
                " context",
                "--- removed sql comment",
                "+++ added sql comment",
                #"\ No newline at end of file"#,
            ],
            [
                "«bold»diff --git a/x.sql b/x.sql«»",
                "«bold»index 83db48f..bf269f4 100644«»",
                "«bold»--- a/x.sql«»",
                "«bold»+++ b/x.sql«»",
                "«hunk»@@ -1,3 +1,3 @@«» SELECT",
                " context",
                "«del»--- removed sql comment«»",
                "«add»+++ added sql comment«»",
                #"«com»\ No newline at end of file«»"#,
            ]),
        Golden(
            "diff",
            [
                "-old",
                "+new",
                "@@ -5 +5 @@",
                "-x",
                "+y",
                "--- b/next",
            ],
            [
                "«del»-old«»",
                "«add»+new«»",
                "«hunk»@@ -5 +5 @@«»",
                "«del»-x«»",
                "«add»+y«»",
                "«bold»--- b/next«»",
            ]),
        Golden(
            "html",
            [
                "<!DOCTYPE html>",
                #"<html lang="en">"#,
                "<body class=main data-x='1'>",
                "  <p>Fish &amp; chips &#169; &nope</p>",
            ],
            [
                "«meta»<!DOCTYPE html>«»",
                #"«tag»<html «/attr»lang«»=«str»"en"«/tag»>«»"#,
                "«tag»<body «/attr»class«»=«str»main «/attr»data-x«»=«str»'1'«/tag»>«»",
                "  «tag»<p>«»Fish «ent»&amp;«» chips «ent»&#169;«» &nope«tag»</p>«»",
            ]),
        Golden(
            "html",
            [
                "<!-- a comment",
                "     over lines --> <br/>",
                #"<img src="a.png""#,
                #"     alt="multi"#,
                #"line" />"#,
            ],
            [
                "«com»<!-- a comment«»",
                "«com»     over lines --> «/tag»<br/>«»",
                #"«tag»<img «/attr»src«»=«str»"a.png"«»"#,
                #"     «attr»alt«»=«str»"multi«»"#,
                #"«str»line" «/tag»/>«»"#,
            ]),
        Golden(
            "html",
            [
                #"<script type="module">"#,
                #"  if (a < b && c > d) { x = "<p>" }"#,
                "</script> <![CDATA[ raw <x>",
                "]]> a < b",
            ],
            [
                #"«tag»<script «/attr»type«»=«str»"module"«/tag»>«»"#,
                #"  if (a < b && c > d) { x = "<p>" }"#,
                "«tag»</script> «/str»<![CDATA[ raw <x>«»",
                "«str»]]>«» a < b",
            ]),
        Golden(
            "css",
            [
                "/* comment */",
                "@media (max-width: 600px) {",
                #"  body > .main, #id:hover::before, a[href^="http"] {"#,
                "    color: #fff !important;",
                "    margin: -10px 0 .5em 50%;",
            ],
            [
                "«com»/* comment */«»",
                "«kw»@media«» («key»max-width«»: «num»600px«») {",
                #"  «tag»body«» > «sel».main«», «sel»#id«/kw»:hover::before«», «tag»a«»[«ty»href«»^=«str»"http"«»] {"#,
                "    «key»color«»: «num»#fff «/kw»!important«»;",
                "    «key»margin«»: «num»-10px 0 .5em 50%«»;",
            ]),
        Golden(
            "css",
            [
                "a { background: url(img.png) rgba(0, 0, 0, 0.5); }",
                "/* unterminated",
                #"comment */ h1 { font-family: "Helvetica", sans-serif }"#,
            ],
            [
                "«tag»a«» { «key»background«»: «fn»url«»(«str»img.png«») «fn»rgba«»(«num»0«», «num»0«», «num»0«», «num»0.5«»); }",
                "«com»/* unterminated«»",
                #"«com»comment */ «/tag»h1«» { «key»font-family«»: «str»"Helvetica"«», sans-serif }"#,
            ]),
        Golden(
            "scss",
            [
                ".card { &:hover { color: red } $x: 10px; } // comment"
            ],
            [
                "«sel».card«» { &«kw»:hover«» { «key»color«»: red } «var»$x«»: «num»10px«»; } «com»// comment«»"
            ]),
        Golden(
            "dockerfile",
            ["ARG VERSION=1.0", "RUN <<EOF", "echo $VERSION", "EOF", "COPY --chown=app:app . /app"],
            [
                "«kw»ARG «/var»VERSION«»=1.0", "«kw»RUN «/meta»<<EOF«»", "«str»echo «/var»$VERSION«»", "«meta»EOF«»",
                "«kw»COPY«» --chown=app:app . /app",
            ]),
        Golden(
            "less",
            ["@color: #333;", ".mixin() { color: @color; width: 10px }"],
            [
                "«kw»@color«»: «num»#333«»;",
                "«sel».mixin«»() { «key»color«»: «kw»@color«»; «key»width«»: «num»10px«» }",
            ]),
        Golden(
            "json5",
            [#"[1.5, -0.5e-3, "x", false,"#, #"  {"a": [true, null]}]"#],
            [
                #"[«num»1.5«», -«num»0.5e-3«», «str»"x"«», «con»false«»,"#,
                #"  {«key»"a"«»: [«con»true«», «con»null«»]}]"#,
            ]),
    ]

    @Test(arguments: cases)
    func highlightsExactly(_ golden: Golden) throws {
        let output = try #require(highlight(golden.language, golden.lines))
        #expect(output.count == golden.expected.count)
        for (line, expected) in zip(output, golden.expected) {
            #expect(line == expand(expected), "got \(describe(line))")
        }
    }
}
