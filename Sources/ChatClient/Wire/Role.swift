/// Who wrote a message, as the Chat Completions API names it.
public enum Role: String, Codable, Sendable, Equatable, CaseIterable {
    case system
    case developer
    case user
    case assistant
    case tool
}
