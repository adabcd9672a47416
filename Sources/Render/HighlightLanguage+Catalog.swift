/// The known languages and their names: a fence info string's first word, in any case.
extension HighlightLanguage {
    /// The language a fence info word names (`py`, `bash`, `c++`, `{.python}`, `language-rust`), or nil.
    static func named(_ name: String) -> HighlightLanguage? {
        switch normalized(name) {
        case "sh", "bash", "zsh", "shell", "ksh", "dash", "ash", "fish": shell
        case "console", "shell-session", "shellsession", "sh-session", "terminal": console
        case "py", "python", "python3", "py3", "pyi", "gyp": python
        case "js", "javascript", "jsx", "ts", "typescript", "tsx", "mjs", "cjs", "mts", "cts", "node": javascript
        case "json", "jsonc", "json5", "jsonl", "ndjson", "geojson": json
        case "yaml", "yml": yaml
        case "toml": toml
        case "go", "golang": go
        case "rust", "rs": rust
        case "c", "h", "cpp", "c++", "cc", "cxx", "hpp", "hh", "hxx", "objc", "objective-c", "objectivec", "objc++",
            "cuda", "cu", "ino", "arduino":
            cFamily
        case "java": java
        case "kotlin", "kt", "kts": kotlin
        case "swift": swift
        case "sql", "psql", "mysql", "sqlite", "sqlite3", "plpgsql", "postgres", "postgresql", "pgsql", "mariadb",
            "tsql", "plsql":
            sql
        case "diff", "patch", "udiff": diff
        case "dockerfile", "docker", "containerfile": dockerfile
        case "html", "htm", "xml", "xhtml", "svg", "vue", "svelte", "plist", "xsd", "xsl", "xslt", "rss", "atom",
            "wsdl":
            markup
        case "css": css
        case "scss", "less": scss
        default: nil
        }
    }

    /// `name` in lower case without blanks, `{` `}`, a leading `.` or a `language-` prefix, up to its first blank or comma.
    static func normalized(_ name: String) -> String {
        var word = Substring(name.lowercased())
        while let first = word.first, first == " " || first == "\t" || first == "{" || first == "." {
            word.removeFirst()
        }
        if word.hasPrefix("language-") { word = word.dropFirst("language-".count) }
        if let end = word.firstIndex(where: { " \t,{}".contains($0) }) { word = word[..<end] }
        return String(word)
    }

    // MARK: - Shell

    static let shellWords = HighlightWords(
        keywords: [
            "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
            "function", "time", "coproc", "!", "{", "}", "[[", "]]",
        ],
        builtins: [
            "echo", "printf", "cd", "pwd", "export", "unset", "local", "readonly", "declare", "typeset", "set",
            "shift", "source", ".", "exit", "return", "eval", "exec", "trap", "read", "wait", "kill", "test",
            "alias", "unalias", "type", "command", "builtin", "let", "getopts", "umask", "ulimit", "jobs", "fg",
            "bg", "true", "false", "break", "continue", "hash", "mapfile", "readarray", "pushd", "popd", "dirs",
            "shopt", "complete", "enable", "help", "logout", "times", "disown", "suspend", "history",
        ])

    static let shell = HighlightLanguage(.shell, words: shellWords)

    static let console = HighlightLanguage(.console, words: shellWords)

    static let dockerfile = HighlightLanguage(
        .dockerfile, words: shellWords,
        lineStartWords: HighlightWords(
            keywords: [
                "from", "run", "cmd", "label", "maintainer", "expose", "env", "add", "copy", "entrypoint",
                "volume", "user", "workdir", "arg", "onbuild", "stopsignal", "healthcheck", "shell",
            ], ignoringCase: true))

    // MARK: - Programming languages

    static let python = HighlightLanguage(
        .python, lineComments: ["#"],
        strings: [
            .init("\"\"\"", multiline: true), .init("'''", multiline: true), .init("\""), .init("'"),
        ],
        words: HighlightWords(
            keywords: [
                "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
                "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
            ],
            constants: ["True", "False", "None", "self", "cls", "NotImplemented", "Ellipsis", "__name__"],
            types: [
                "int", "str", "float", "bool", "list", "dict", "set", "tuple", "bytes", "bytearray", "frozenset",
                "object", "complex", "type",
            ],
            builtins: [
                "print", "len", "range", "open", "enumerate", "zip", "map", "filter", "sorted", "reversed", "sum",
                "min", "max", "abs", "any", "all", "isinstance", "issubclass", "super", "repr", "hash", "id",
                "input", "iter", "next", "getattr", "setattr", "hasattr", "delattr", "vars", "dir", "format",
                "round", "divmod", "pow", "chr", "ord", "bin", "hex", "oct", "property", "staticmethod",
                "classmethod", "callable", "exec", "eval", "globals", "locals", "slice", "breakpoint",
            ]),
        capitalizedTypes: true, functionCalls: true, annotations: true)

    static let javascript = HighlightLanguage(
        .javascript, lineComments: ["//"], blockComments: [.init("/*", "*/")],
        strings: [.init("`", escape: .backslash, multiline: true), .init("\""), .init("'")],
        words: HighlightWords(
            keywords: [
                "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
                "else", "export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof",
                "let", "new", "return", "switch", "throw", "try", "typeof", "var", "void", "while", "with",
                "yield", "async", "await", "of", "static", "from", "as", "interface", "type", "enum",
                "implements", "namespace", "declare", "abstract", "private", "protected", "public", "readonly",
                "keyof", "infer", "satisfies", "override", "get", "set",
            ],
            constants: ["true", "false", "null", "undefined", "NaN", "Infinity", "this", "super"],
            types: ["string", "number", "boolean", "any", "unknown", "never", "object", "symbol", "bigint"],
            builtins: ["console", "window", "document", "globalThis", "require", "module", "exports", "process"]),
        capitalizedTypes: true, functionCalls: true, annotations: true, dollarIdentifiers: true)

    static let go = HighlightLanguage(
        .go, lineComments: ["//"], blockComments: [.init("/*", "*/")],
        strings: [.init("`", escape: .none, multiline: true), .init("\""), .init("'")],
        words: HighlightWords(
            keywords: [
                "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
                "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
                "struct", "switch", "type", "var",
            ],
            constants: ["true", "false", "nil", "iota"],
            types: [
                "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
                "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any",
                "comparable",
            ],
            builtins: [
                "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min",
                "new", "panic", "print", "println", "real", "recover",
            ]),
        functionCalls: true)

    static let rust = HighlightLanguage(
        .rust, lineComments: ["//"], blockComments: [.init("/*", "*/", nests: true)],
        strings: [.init("\"", multiline: true)],
        words: HighlightWords(
            keywords: [
                "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "fn",
                "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
                "static", "struct", "super", "trait", "type", "unsafe", "use", "where", "while", "yield", "union",
                "macro_rules",
            ],
            constants: ["true", "false", "self", "Self", "None", "Some", "Ok", "Err"],
            types: [
                "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32", "f64",
                "bool", "char", "str",
            ]),
        capitalizedTypes: true, functionCalls: true)

    static let cFamily = HighlightLanguage(
        .cFamily, lineComments: ["//"], blockComments: [.init("/*", "*/")],
        strings: [.init("\""), .init("'")],
        words: HighlightWords(
            keywords: [
                "auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern", "for",
                "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static", "struct", "switch",
                "typedef", "union", "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Generic",
                "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof", "static_assert",
                "thread_local", "typeof", "asm", "catch", "class", "concept", "consteval", "constexpr", "constinit",
                "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast", "explicit",
                "export", "friend", "mutable", "namespace", "new", "noexcept", "operator", "private", "protected",
                "public", "reinterpret_cast", "requires", "static_cast", "template", "throw", "try", "typeid",
                "typename", "using", "virtual", "override", "final", "and", "or", "not",
            ],
            constants: ["true", "false", "NULL", "nullptr", "this", "nil", "YES", "NO", "self", "super"],
            types: [
                "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool", "_Bool",
                "_Complex", "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "int8_t", "int16_t",
                "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "wchar_t", "char8_t",
                "char16_t", "char32_t", "FILE", "id",
            ]),
        capitalizedTypes: true, functionCalls: true, annotations: true)

    static let java = HighlightLanguage(
        .java, lineComments: ["//"], blockComments: [.init("/*", "*/")],
        strings: [.init("\"\"\"", multiline: true), .init("\""), .init("'")],
        words: HighlightWords(
            keywords: [
                "abstract", "assert", "break", "case", "catch", "class", "const", "continue", "default", "do",
                "else", "enum", "extends", "final", "finally", "for", "goto", "if", "implements", "import",
                "instanceof", "interface", "native", "new", "package", "private", "protected", "public", "return",
                "static", "strictfp", "switch", "synchronized", "throw", "throws", "transient", "try", "volatile",
                "while", "var", "record", "sealed", "permits", "yield",
            ],
            constants: ["true", "false", "null", "this", "super"],
            types: ["boolean", "byte", "char", "double", "float", "int", "long", "short", "void"]),
        capitalizedTypes: true, functionCalls: true, annotations: true, dollarIdentifiers: true)

    static let kotlin = HighlightLanguage(
        .java, lineComments: ["//"], blockComments: [.init("/*", "*/", nests: true)],
        strings: [
            .init("\"\"\"", escape: .none, multiline: true), .init("\""), .init("'"),
            .init("`", escape: .none, style: .plain),
        ],
        words: HighlightWords(
            keywords: [
                "as", "break", "class", "continue", "do", "else", "for", "fun", "if", "in", "interface", "is",
                "object", "package", "return", "throw", "try", "typealias", "val", "var", "when", "while", "by",
                "catch", "constructor", "finally", "import", "init", "where", "abstract", "annotation", "companion",
                "const", "data", "enum", "external", "final", "infix", "inline", "inner", "internal", "lateinit",
                "noinline", "open", "operator", "out", "override", "private", "protected", "public", "reified",
                "sealed", "suspend", "tailrec", "vararg",
            ],
            constants: ["true", "false", "null", "this", "super", "it"]),
        capitalizedTypes: true, functionCalls: true, annotations: true)

    static let swift = HighlightLanguage(
        .swift, lineComments: ["//"], blockComments: [.init("/*", "*/", nests: true)],
        strings: [
            .init("\"\"\"", multiline: true, interpolates: true), .init("\"", interpolates: true),
            .init("`", escape: .none, style: .plain),
        ],
        words: HighlightWords(
            keywords: [
                "associatedtype", "borrowing", "break", "case", "catch", "class", "consuming", "continue", "default",
                "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "fileprivate", "for", "func",
                "guard", "if", "import", "in", "indirect", "init", "inout", "internal", "is", "let", "mutating",
                "nonisolated", "nonmutating", "open", "operator", "package", "precedencegroup", "private",
                "protocol", "public", "repeat", "rethrows", "return", "some", "any", "static", "struct",
                "subscript", "switch", "throw", "throws", "try", "typealias", "var", "where", "while", "async",
                "await", "actor", "lazy", "weak", "unowned", "override", "convenience", "required", "final",
                "dynamic", "get", "set", "willSet", "didSet", "sending", "macro", "as",
            ],
            constants: ["true", "false", "nil", "self", "Self", "super"]),
        capitalizedTypes: true, functionCalls: true, annotations: true, dollarIdentifiers: true)

    static let sql = HighlightLanguage(
        .sql, lineComments: ["--"], blockComments: [.init("/*", "*/")],
        strings: [
            .init("'", escape: .doubled, multiline: true), .init("\"", escape: .doubled, style: .plain),
            .init("`", escape: .doubled, style: .plain),
        ],
        words: HighlightWords(
            keywords: [
                "select", "from", "where", "and", "or", "not", "insert", "into", "values", "update", "set",
                "delete", "create", "table", "drop", "alter", "add", "column", "index", "view", "primary", "key",
                "foreign", "references", "unique", "default", "is", "in", "like", "ilike", "between", "join",
                "inner", "left", "right", "outer", "full", "cross", "on", "as", "order", "by", "group", "having",
                "limit", "offset", "distinct", "union", "all", "exists", "case", "when", "then", "else", "end",
                "begin", "commit", "rollback", "transaction", "returning", "with", "recursive", "if", "replace",
                "trigger", "function", "procedure", "return", "returns", "language", "declare", "constraint",
                "check", "cascade", "grant", "revoke", "to", "database", "schema", "using", "natural", "asc",
                "desc", "top", "fetch", "next", "rows", "only", "explain", "analyze", "vacuum", "pragma",
                "temporary", "temp", "materialized", "sequence", "do", "loop", "for", "while", "execute",
                "perform", "raise", "notice", "exception", "elsif", "over", "partition", "window", "filter",
                "lateral", "conflict", "nothing", "merge", "matched", "similar", "collate", "some", "any", "cast",
                "if", "extension", "owner", "type", "show", "use",
            ],
            constants: ["true", "false", "null", "unknown"],
            types: [
                "int", "integer", "bigint", "smallint", "tinyint", "serial", "bigserial", "decimal", "numeric",
                "real", "float", "double", "precision", "char", "varchar", "character", "varying", "text",
                "boolean", "bool", "date", "time", "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb",
                "blob", "bytea", "money", "inet", "record", "void",
            ],
            builtins: [
                "count", "sum", "avg", "min", "max", "coalesce", "nullif", "now", "lower", "upper", "length",
                "substring", "trim", "concat", "round", "abs", "greatest", "least", "row_number", "rank",
                "dense_rank", "lag", "lead", "string_agg", "array_agg", "json_agg", "extract", "date_trunc",
                "generate_series", "current_timestamp", "current_date",
            ], ignoringCase: true),
        annotations: true)

    // MARK: - Data languages

    static let json = HighlightLanguage(
        .json, lineComments: ["//"], blockComments: [.init("/*", "*/")], strings: [.init("\""), .init("'")],
        words: HighlightWords(constants: ["true", "false", "null", "NaN", "Infinity"]))

    static let yaml = HighlightLanguage(
        .yaml, lineComments: ["#"], strings: [.init("\""), .init("'", escape: .doubled)],
        words: HighlightWords(
            constants: ["true", "false", "null", "yes", "no", "on", "off", "~"], ignoringCase: true))

    static let toml = HighlightLanguage(
        .toml, lineComments: ["#"],
        strings: [
            .init("\"\"\"", multiline: true), .init("'''", escape: .none, multiline: true), .init("\""),
            .init("'", escape: .none),
        ],
        words: HighlightWords(constants: ["true", "false", "inf", "nan"]))

    // MARK: - Line-based and markup languages

    static let diff = HighlightLanguage(.diff)

    static let markup = HighlightLanguage(.markup)

    static let css = HighlightLanguage(.css)

    static let scss = HighlightLanguage(.scss)
}
