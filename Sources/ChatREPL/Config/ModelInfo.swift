import ChatClient

/// What the config knows about a model: its context window and its prices.
public struct ModelInfo: Sendable, Equatable {
    public var contextLength: Int?
    /// US dollars per million prompt tokens.
    public var inputPrice: Double?
    /// US dollars per million completion tokens.
    public var outputPrice: Double?

    public init(contextLength: Int? = nil, inputPrice: Double? = nil, outputPrice: Double? = nil) {
        self.contextLength = contextLength
        self.inputPrice = inputPrice
        self.outputPrice = outputPrice
    }
}
