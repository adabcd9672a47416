/// The roles Parley ships: `shell` and `code`. A file `roles/NAME.md` of the same name
/// replaces one.
enum BuiltInRoles {
    static let shell = """
        Reply with exactly one command for {{__shell__}} on {{__os_distro__}} that does what the user asks, and nothing \
        else: no explanation, no Markdown, no code fences, no quotes around it, no prompt sign before it.
        If several steps are needed, join them into one line (with && in POSIX shells).
        If the request is ambiguous, give the most common and safest command.
        """

    static let code = """
        Reply with code only: no explanation before or after it, no Markdown, no code fences.
        Comments inside the code are fine where they help; anything else you would say goes in a comment.
        If the request leaves details open, choose the most usual solution instead of asking.
        """

    /// Every built-in role, by name.
    static let all: [String: String] = ["shell": shell, "code": code]

    static func role(named name: String) -> RoleDefinition? {
        all[name].map { prompt in
            var role = RoleDefinition(name: name, source: .builtIn, prompt: prompt)
            role.markdown = false  // a command or code: printed as it comes, never rendered
            return role
        }
    }
}
