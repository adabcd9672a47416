/// A text file as a message carries it: a line naming its path, then its text in a fence
/// labelled with the language its extension names.
enum TextAttachment {
    static func render(_ text: String, path: String, note: String? = nil, language: String? = nil) -> String {
        let language = language ?? self.language(of: path)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        let body = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        return "File: \(path)\(note.map { " (\($0))" } ?? "")\n\(fence)\(language)\n\(body)\(fence)\n"
    }

    /// The fence's language for a file name: its extension as a highlighter knows it, "" when none fits.
    static func language(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let special = ["makefile": "make", "dockerfile": "dockerfile", "gemfile": "ruby", "rakefile": "ruby"]
        if let language = special[name.lowercased()] { return language }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...].lowercased()
        return extensions[ext] ?? (ext.count <= 10 && ext.allSatisfy { $0.isLetter || $0.isNumber } ? ext : "")
    }

    private static let extensions: [String: String] = [
        "swift": "swift", "py": "python", "pyi": "python", "rb": "ruby", "rs": "rust", "go": "go",
        "js": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "jsx", "ts": "typescript",
        "tsx": "tsx", "c": "c", "h": "c", "cc": "cpp", "cpp": "cpp", "cxx": "cpp", "hpp": "cpp", "hh": "cpp",
        "m": "objectivec", "mm": "objectivec", "java": "java", "kt": "kotlin", "kts": "kotlin", "scala": "scala",
        "cs": "csharp", "fs": "fsharp", "php": "php", "pl": "perl", "pm": "perl", "lua": "lua", "r": "r",
        "sh": "sh", "bash": "bash", "zsh": "zsh", "fish": "fish", "ps1": "powershell", "sql": "sql",
        "html": "html", "htm": "html", "xml": "xml", "css": "css", "scss": "scss", "json": "json",
        "jsonl": "json", "yaml": "yaml", "yml": "yaml", "toml": "toml", "ini": "ini", "md": "markdown",
        "markdown": "markdown", "txt": "text", "csv": "csv", "tsv": "tsv", "diff": "diff", "patch": "diff",
        "hs": "haskell", "ex": "elixir", "exs": "elixir", "erl": "erlang", "clj": "clojure", "dart": "dart",
        "zig": "zig", "nim": "nim", "vue": "vue", "svelte": "svelte", "tex": "latex", "proto": "protobuf",
        "cmake": "cmake", "mk": "make", "dockerfile": "dockerfile", "tf": "hcl", "nix": "nix", "el": "elisp",
        "vim": "vim", "log": "text",
    ]

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "`") {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }
}
