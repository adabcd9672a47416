/// Byte classes for the scanners, each a test on one UTF-8 code unit.
///
/// Bytes from 0x80 up (parts of non-ASCII characters) count as identifier bytes, so a token edge
/// always falls next to an ASCII byte and never inside a character.
enum HighlightByte {
    /// A space or a tab.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// An ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// An ASCII letter.
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// An ASCII capital letter.
    static func isUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    /// An ASCII small letter.
    static func isLowercase(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }

    /// An ASCII hexadecimal digit.
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }

    /// An ASCII letter, digit or underscore.
    static func isWord(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F }

    /// A byte that may start an identifier: a letter, an underscore or part of a non-ASCII character.
    static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5F || byte >= 0x80 }

    /// A byte that may go on with an identifier.
    static func isIdentifier(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    /// The ASCII lower case of `byte`.
    static func folded(_ byte: UInt8) -> UInt8 { isUppercase(byte) ? byte | 0x20 : byte }

    /// The length of the UTF-8 character that starts with `lead` (1 for ASCII and for stray bytes).
    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
