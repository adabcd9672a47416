import ChatClient

/// The notices about request parameters Parley does not type.
public enum ParameterNotice {
    /// "Parley does not know X": said when such a key is set with `-o` or `/set`.
    public static func unknown(_ name: String) -> String {
        "note: Parley does not know the parameter \(name): it is sent as given, unchecked"
    }

    /// One notice per key the command line set that Parley does not type.
    public static func announce(_ flags: CommandLineSettings, on console: Console) {
        for name in flags.parameters.values.keys.sorted() where !ParameterValue.isKnown(name) {
            console.notice(unknown(name))
        }
    }
}
