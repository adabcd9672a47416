import Render
import Testing

@Suite("Language names")
struct HighlightAliasTests {
    static let aliases = [
        "sh", "bash", "zsh", "shell", "ksh", "console", "shell-session", "py", "python", "python3", "js",
        "javascript", "jsx", "ts", "typescript", "tsx", "mjs", "cjs", "json", "jsonc", "json5", "yaml", "yml",
        "toml", "go", "golang", "rust", "rs", "c", "h", "cpp", "c++", "cc", "cxx", "hpp", "objc", "java", "kotlin",
        "kt", "kts", "swift", "sql", "psql", "mysql", "sqlite", "plpgsql", "diff", "patch", "udiff", "dockerfile",
        "docker", "containerfile", "html", "htm", "xml", "xhtml", "svg", "vue", "css", "scss", "less",
    ]

    @Test(arguments: aliases)
    func everyAliasIsKnown(_ name: String) {
        #expect(SyntaxHighlighter(language: name) != nil)
    }

    @Test(arguments: ["Python", "PY", "C++", "Dockerfile", "{.python}", ".rust", "language-go", " yaml ", "JSON,"])
    func caseAndDecorationDoNotMatter(_ name: String) {
        #expect(SyntaxHighlighter(language: name) != nil)
    }

    @Test(arguments: ["brainfuck", "", "text", "plaintext", "txt", "{}", "markdown", "python4", "c#", "-"])
    func unknownNamesGiveNil(_ name: String) {
        #expect(SyntaxHighlighter(language: name) == nil)
    }

    @Test(arguments: [("py", "python"), ("yml", "YAML"), ("c++", "cpp"), ("ts", "javascript"), ("kts", "Kotlin")])
    func aliasesHighlightAlike(_ alias: String, _ name: String) throws {
        let lines = ["x = 1 # c", #"if "a" { /* b */ }"#]
        let viaAlias = try #require(highlight(alias, lines))
        let viaName = try #require(highlight(name, lines))
        #expect(viaAlias == viaName)
    }
}
