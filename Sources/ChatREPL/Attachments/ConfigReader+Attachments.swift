import ChatClient

/// The config's `"attachments"` object: limits and choices for `-a` and `/attach`.
extension ConfigReader {
    func attachments(_ value: JSONValue?) throws(ParleyError) -> AttachmentSettings {
        var settings = AttachmentSettings()
        guard let value, value != .null else { return settings }
        guard case .object(let members) = value else {
            throw mistake(
                "attachments", "an object with " + AttachmentSettings.configKeys.joined(separator: ", "), value)
        }
        let at = "attachments."
        try checkKeys(members, allowed: AttachmentSettings.configKeys, at: at)
        if let megabytes = try number(members, "max_file_mb", at: at, range: 0.001...4096, unit: "MB") {
            settings.maxFileBytes = Int(megabytes * 1_048_576)
        }
        if let count = try integer(members, "max_files", at: at, range: 1...100_000) { settings.maxFiles = count }
        if let megabytes = try number(members, "max_total_mb", at: at, range: 0.001...4096, unit: "MB") {
            settings.maxTotalBytes = Int(megabytes * 1_048_576)
        }
        if let text = try string(members, "image_detail", at: at) {
            guard let detail = ImageDetail(parsing: text) else {
                throw .config(
                    path: path, "key 'attachments.image_detail': expected \(ImageDetail.accepted), got \"\(text)\"")
            }
            settings.imageDetail = detail
        }
        settings.inlineURLs = try bool(members, "inline_urls", at: at)
        return settings
    }
}
