/// A look from the 16-colour ANSI palette, so that the user's terminal theme decides the contrast.
///
/// Tokens are named by role (`keyword`, `string`, …), and roles that look alike share a case, so
/// two neighbouring tokens of the same look need no SGR sequence between them.
enum HighlightStyle: UInt8, Sendable {
    case plain, bold, dim, red, green, yellow, blue, magenta, cyan, boldBlue

    /// The SGR parameters of this look, as in `ESC [` parameters `m`.
    var parameters: StaticString {
        switch self {
        case .plain: "0"
        case .bold: "1"
        case .dim: "2"
        case .red: "31"
        case .green: "32"
        case .yellow: "33"
        case .blue: "34"
        case .magenta: "35"
        case .cyan: "36"
        case .boldBlue: "1;34"
        }
    }

    /// Language keywords: `if`, `def`, `SELECT`.
    static var keyword: Self { .magenta }
    /// Type names, capitalised or built in: `String`, `int`.
    static var type: Self { .yellow }
    /// Called names and builtins: `print`, `len`, `echo`.
    static var function: Self { .blue }
    /// Named constants: `true`, `None`, `nil`.
    static var constant: Self { .cyan }
    /// String and character literals, heredoc bodies.
    static var string: Self { .green }
    /// Number literals, colours and dates.
    static var number: Self { .cyan }
    /// Comments.
    static var comment: Self { .dim }
    /// Annotations, attributes, preprocessor lines, YAML anchors and tags, heredoc markers.
    static var meta: Self { .yellow }
    /// Shell and SQL variables and parameters.
    static var variable: Self { .cyan }
    /// Keys of JSON, YAML and TOML, CSS properties.
    static var key: Self { .blue }
    /// TOML table headers.
    static var heading: Self { .boldBlue }
    /// JavaScript regular expression literals.
    static var regex: Self { .red }
    /// Lines a diff adds.
    static var inserted: Self { .green }
    /// Lines a diff removes.
    static var deleted: Self { .red }
    /// Diff hunk headers.
    static var hunk: Self { .cyan }
    /// Diff file headers.
    static var fileHeader: Self { .bold }
    /// Console prompts.
    static var prompt: Self { .dim }
    /// Markup tag names and brackets, CSS element selectors.
    static var tag: Self { .magenta }
    /// Markup attribute names.
    static var attribute: Self { .yellow }
    /// CSS class and id selectors.
    static var selector: Self { .yellow }
    /// Markup character references like `&amp;`.
    static var entity: Self { .cyan }
}
