import ChatClient

/// What the executable hands every mode: the resolved settings, the command line, the
/// console, and the side effects it owns (the network), so tests can hand in fakes.
public struct RunContext: Sendable {
    public var settings: RunSettings
    public var flags: CommandLineSettings
    public var console: Console
    public var makeTransport: @Sendable () -> any HTTPTransport
    public var prober: any NetworkProber
    /// Extracts a PDF's text for servers that take no PDF (`pdftotext`); nil: none.
    public var pdfText: (any PDFTextExtracting)?
    /// The home directory, for `~/` in `/attach`.
    public var home: String?

    public init(
        settings: RunSettings, flags: CommandLineSettings, console: Console,
        makeTransport: @escaping @Sendable () -> any HTTPTransport, prober: any NetworkProber
    ) {
        self.settings = settings
        self.flags = flags
        self.console = console
        self.makeTransport = makeTransport
        self.prober = prober
    }

    /// A client for this run's server, its waits drawn as a countdown.
    public func makeClient() -> ChatClient {
        ChatClient(settings: settings.server, transport: makeTransport(), waiter: CountdownWaiter(console: console))
    }

    /// The model list cache; with --no-save it is only read, never written.
    public var modelCache: ModelCache {
        ModelCache(path: settings.paths.modelCache, writable: settings.saveSessions)
    }

    public var doctor: Doctor {
        Doctor(settings: settings, console: console, prober: prober, makeTransport: makeTransport)
    }

    /// Opens the session the flags name, with this run's settings for a new one.
    public func sessionOpener(store: SessionStore) -> SessionOpener {
        SessionOpener(
            store: store, fresh: settings.conversation, flags: flags, role: settings.roles?.active, console: console)
    }
}
