/// The directory for private temporary files, as Foundation's NSTemporaryDirectory finds it
/// ($TMPDIR, else /tmp), ending in a slash; Foundation itself would link ICU into the binary.
enum TemporaryDirectory {
    static func path(_ environment: [String: String]) -> String {
        guard let directory = environment["TMPDIR"], !directory.isEmpty else { return "/tmp/" }
        return directory.hasSuffix("/") ? directory : directory + "/"
    }
}
