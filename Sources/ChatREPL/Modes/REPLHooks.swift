/// What the REPL is given beyond its loop: the editor for /edit, /doctor, and a listener for
/// model lists (the cache and Tab completion).
public struct REPLHooks {
    public var editor: (any MessageEditor)?
    public var doctor: Doctor?
    public var onModelsListed: (([String]) -> Void)?
    /// Roles, for /role: the catalog, the `-p` values, the run's settings without a role.
    public var roles: RoleContext?
    /// Reads what /attach names; nil: /attach is not available.
    public var attachments: AttachmentLoader?

    public init(
        editor: (any MessageEditor)? = nil, doctor: Doctor? = nil, onModelsListed: (([String]) -> Void)? = nil,
        roles: RoleContext? = nil, attachments: AttachmentLoader? = nil
    ) {
        self.editor = editor
        self.doctor = doctor
        self.onModelsListed = onModelsListed
        self.roles = roles
        self.attachments = attachments
    }
}
