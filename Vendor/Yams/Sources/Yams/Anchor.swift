//
//  Anchor.swift
//  Yams
//
//  Created by Adora Lynch on 8/9/24.
//  Copyright (c) 2024 Yams. All rights reserved.

import FoundationEssentials

/// A representation of a YAML tag see: https://yaml.org/spec/1.2.2/
/// Types interested in Encoding and Decoding Anchors should
/// conform to YamlAnchorProviding and YamlAnchorCoding respectively.
public final class Anchor: RawRepresentable, ExpressibleByStringLiteral, Codable, Hashable {

    /// Whether a scalar is permitted by the underlying cyaml implementation: what upstream's
    /// `permittedCharacters` CharacterSet held (lowercaseLetters = Ll, uppercaseLetters = Lu and Lt,
    /// decimalDigits = Nd, and "-_"). Vendored: CharacterSet is in swift-corelibs Foundation (ICU).
    public static func isPermitted(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .decimalNumber: return true
        default: return scalar == "-" || scalar == "_"
        }
    }

    /// Returns true if and only if `string` contains only characters which are also permitted (`isPermitted`)
    public static func is_cyamlAlpha(_ string: String) -> Bool {
        string.unicodeScalars.allSatisfy(isPermitted)
    }

    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }
}

/// Conformance of Anchor to CustomStringConvertible returns `rawValue` as `description`
extension Anchor: CustomStringConvertible {
    public var description: String { rawValue }
}
