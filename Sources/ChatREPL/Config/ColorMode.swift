import ChatClient

/// When to use color and the spinner.
public enum ColorMode: String, Sendable, Equatable, CaseIterable {
    case auto, always, never
}
