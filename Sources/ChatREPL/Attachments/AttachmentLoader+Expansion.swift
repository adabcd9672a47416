/// Directories and globs: their files, within the caps on count and size.
extension AttachmentLoader {
    /// The files of a directory (text only) or a glob (text, images and PDFs), within the caps.
    func expand(_ argument: String, files: [String], exhausted: Bool, textOnly: Bool) throws(AttachmentError)
        -> AttachmentBatch
    {
        let what = textOnly ? "the directory" : "the pattern"
        let raise =
            "attach fewer (a narrower glob such as 'src/*.swift'), or raise \"attachments\": "
            + "{\"max_files\": …, \"max_total_mb\": …} in the config"
        if exhausted {
            throw AttachmentError(argument, "\(what) holds too many files to look through", advice: raise)
        }
        var batch = AttachmentBatch()
        var skipped: [String] = []
        var total = 0
        for file in files {
            guard let head = AttachmentFiles.head(file, count: 4096), case .file(let size) = AttachmentFiles.entry(file)
            else {
                skipped.append(file)
                continue
            }
            let kind = Self.kind(ofHead: head, whole: size <= head.count)
            guard kind == .text || (!textOnly && kind != .binary) else {
                skipped.append(file)
                continue
            }
            if batch.attachments.count >= settings.maxFiles {
                throw AttachmentError(
                    argument, "\(what) brings more than \(settings.maxFiles) files, the limit", advice: raise)
            }
            if kind == .text {
                total += size
                if total > settings.maxTotalBytes {
                    throw AttachmentError(
                        argument,
                        "\(what) brings more than \(Attachment.size(settings.maxTotalBytes)) of text, the limit",
                        advice: raise)
                }
            }
            let bytes = try AttachmentFiles.read(file, name: file, limit: settings.maxFileBytes)
            if kind == .text, FileKind(sniffing: bytes) != .text {
                skipped.append(file)
                continue
            }
            batch.attachments += try self.batch(bytes: bytes, name: file, fileName: Self.fileName(file)).attachments
        }
        guard !batch.attachments.isEmpty else {
            throw AttachmentError(
                argument,
                textOnly
                    ? "the directory holds no text files (hidden and binary files are skipped)"
                    : "the pattern matches no file Parley can attach")
        }
        if !skipped.isEmpty {
            let kinds = textOnly ? "not text" : "not text, an image or a PDF"
            batch.notes.append(
                "note: \(argument): \(skipped.count) file\(skipped.count == 1 ? "" : "s") skipped (\(kinds))")
        }
        return batch
    }

    /// A file's kind from its first bytes: a head that ends inside a UTF-8 character is
    /// still text when the rest of it is.
    static func kind(ofHead head: [UInt8], whole: Bool) -> FileKind {
        let kind = FileKind(sniffing: head)
        guard kind == .binary, !whole, !head.contains(0) else { return kind }
        for cut in 1...3 where head.count > cut {
            if FileKind(sniffing: head.dropLast(cut)) == .text { return .text }
        }
        return kind
    }
}
