import Render
import SessionIndex

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Search hits and session lists as Parley prints them: numbered (the numbers SESSION arguments
/// take), one line of facts and, for a hit, one line of snippet. On a terminal the match is bold
/// and every bit of conversation text is neutralised; a pipe gets the plain text; `--json` gets
/// an array of objects.
public enum Listing {
    /// Put around each match by the index, then turned into bold (or dropped): private-use
    /// characters, so they survive neutralising and no text from the server is taken for them.
    public static let highlight = (open: "\u{E000}", close: "\u{E001}")

    /// The numbered hits, ready to print (ending in a newline).
    public static func hits(_ hits: [SearchHit], style: Style) -> String {
        let width = String(hits.count).count
        var text = ""
        for (offset, hit) in hits.enumerated() {
            let facts = [shortTime(hit.time), "turn \(hit.turn)", hit.role] + (hit.model.map { [$0] } ?? [])
            text +=
                number(offset + 1, width: width) + "  " + safe(hit.title, style) + "  "
                + dim(safe(facts.joined(separator: " · "), style), style) + "\n"
            text += String(repeating: " ", count: width + 2) + snippet(hit.snippet, style) + "\n"
        }
        return text
    }

    /// The numbered sessions, ready to print: date, turns, size, model and title.
    public static func sessions(_ sessions: [SessionSummary], style: Style) -> String {
        let width = String(sessions.count).count
        let turnsWidth = sessions.map { turns($0.turns).count }.max() ?? 0
        let modelWidth = sessions.map { safe($0.model, style).count }.max() ?? 0
        var text = ""
        for (offset, session) in sessions.enumerated() {
            let turnsText = turns(session.turns)
            let model = safe(session.model, style)
            let facts =
                shortTime(session.updated) + "  "
                + String(repeating: " ", count: turnsWidth - turnsText.count) + turnsText + "  "
                + pad(size(session.size), 8) + "  " + model + String(repeating: " ", count: modelWidth - model.count)
            text +=
                number(offset + 1, width: width) + "  " + dim(facts, style) + "  " + safe(session.title, style)
                + "\n"
        }
        return text
    }

    /// The hits as a JSON array, the snippet without marks.
    public static func hitsJSON(_ hits: [SearchHit]) -> String {
        let entries = hits.enumerated().map { offset, hit in
            HitEntry(
                number: offset + 1, path: hit.path, title: hit.title, time: hit.time,
                sessionUpdated: hit.sessionUpdated,
                turn: hit.turn, role: hit.role, model: hit.model, snippet: plainSnippet(hit.snippet))
        }
        return json(entries)
    }

    /// The sessions as a JSON array.
    public static func sessionsJSON(_ sessions: [SessionSummary]) -> String {
        let entries = sessions.enumerated().map { offset, session in
            SessionEntry(
                number: offset + 1, path: session.path, title: session.title, created: session.created,
                updated: session.updated, model: session.model, turns: session.turns, size: session.size)
        }
        return json(entries)
    }

    /// `2026-11-24T21:34:05Z` as `2026-11-24 21:34` (UTC, as the files keep it).
    static func shortTime(_ time: String) -> String {
        guard time.count >= 16 else { return time.isEmpty ? "—" : time }
        return String(time.prefix(10)) + " " + String(time.dropFirst(11).prefix(5))
    }

    /// `812 B`, `4.1 kB`, `2.3 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        return (rounded >= 100 ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }

    private static func turns(_ count: Int) -> String {
        count == 1 ? "1 turn" : "\(count) turns"
    }

    private static func number(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: width - text.count) + text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Text from a session: neutralised where it reaches a terminal, as it is for a pipe.
    private static func safe(_ text: String, _ style: Style) -> String {
        style.outIsTerminal ? SafeText.neutralized(text) : text
    }

    private static func dim(_ text: String, _ style: Style) -> String {
        style.colorOut ? "\u{1B}[2m\(text)\u{1B}[22m" : text
    }

    /// The snippet with its matches bold where colour is on; the marks are dropped otherwise.
    private static func snippet(_ text: String, _ style: Style) -> String {
        guard style.colorOut else { return safe(plainSnippet(text), style) }
        var result = ""
        var piece = ""
        for character in text {
            switch String(character) {
            case highlight.open:
                result += SafeText.neutralized(piece) + "\u{1B}[1m"
                piece = ""
            case highlight.close:
                result += SafeText.neutralized(piece) + "\u{1B}[22m"
                piece = ""
            default: piece.append(character)
            }
        }
        return result + SafeText.neutralized(piece)
    }

    private static func plainSnippet(_ text: String) -> String {
        text.replacing(highlight.open, with: "").replacing(highlight.close, with: "")
    }

    private struct HitEntry: Encodable {
        var number: Int
        var path: String
        var title: String
        var time: String
        var sessionUpdated: String
        var turn: Int
        var role: String
        var model: String?
        var snippet: String

        enum CodingKeys: String, CodingKey {
            case number, path, title, time, turn, role, model, snippet
            case sessionUpdated = "session_updated"
        }
    }

    private struct SessionEntry: Encodable {
        var number: Int
        var path: String
        var title: String
        var created: String
        var updated: String
        var model: String
        var turns: Int
        var size: Int
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
