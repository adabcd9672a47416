import ChatClient

extension BaseURL {
    /// A base URL a test knows to be valid (a test server's, a literal).
    public static func test(_ text: String) -> BaseURL {
        do {
            return try BaseURL(parsing: text)
        } catch {
            preconditionFailure("not a base URL: \(text): \(error.message)")
        }
    }
}
