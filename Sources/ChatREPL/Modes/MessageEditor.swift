import ChatClient

/// Opens an editor on a draft message (/edit); returns what was saved, nil when abandoned.
public protocol MessageEditor {
    func edit(_ draft: String) throws(ParleyError) -> String?
}
