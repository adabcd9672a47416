//
//  String+Yams.swift
//  Yams
//
//  Created by Norio Nomura on 12/7/16.
//  Copyright (c) 2016 Yams. All rights reserved.
//

import FoundationEssentials

extension String {
    typealias LineNumberColumnAndContents = (lineNumber: Int, column: Int, contents: String)

    /// line number, column and contents at offset.
    ///
    /// - parameter offset: Int
    ///
    /// - returns: lineNumber: line number start from 0,
    ///            column: utf16 column start from 0,
    ///            contents: substring of line
    func lineNumberColumnAndContents(at offset: Int) -> LineNumberColumnAndContents? {
        return index(startIndex, offsetBy: offset, limitedBy: endIndex).flatMap(lineNumberColumnAndContents)
    }

    /// line number, column and contents at Index.
    ///
    /// - parameter index: String.Index
    ///
    /// - returns: lineNumber: line number start from 0,
    ///            column: utf16 column start from 0,
    ///            contents: substring of line
    func lineNumberColumnAndContents(at index: Index) -> LineNumberColumnAndContents {
        assert((startIndex..<endIndex).contains(index))
        var number = 0
        var outStartIndex = startIndex, outEndIndex = lineEnd(from: startIndex)
        while outEndIndex <= index && outEndIndex < endIndex {
            number += 1
            outStartIndex = outEndIndex
            outEndIndex = lineEnd(from: outStartIndex)
        }
        let utf16StartIndex = outStartIndex.samePosition(in: utf16)!
        let utf16Index = index.samePosition(in: utf16)!
        return (
            number,
            utf16.distance(from: utf16StartIndex, to: utf16Index),
            String(self[outStartIndex..<outEndIndex])
        )
    }

    /// substring indicated by line number.
    ///
    /// - parameter line: line number starts from 0.
    ///
    /// - returns: substring of line contains line ending characters
    func substring(at line: Int) -> String {
        var number = 0
        var outStartIndex = startIndex, outEndIndex = lineEnd(from: startIndex)
        while number < line && outEndIndex < endIndex {
            number += 1
            outStartIndex = outEndIndex
            outEndIndex = lineEnd(from: outStartIndex)
        }
        return String(self[outStartIndex..<outEndIndex])
    }

    /// String appending newline if is not ending with newline.
    var endingWithNewLine: String {
        // CharacterSet.newlines upstream: U+000A-U+000D, U+0085, U+2028, U+2029.
        let isEndsWithNewLines = unicodeScalars.last.map {
            (0x0A...0x0D).contains($0.value) || [0x85, 0x2028, 0x2029].contains($0.value)
        } ?? false
        if isEndsWithNewLines {
            return self
        } else {
            return self + "\n"
        }
    }

    /// Vendored: where the line that starts at `start` ends, after its line break (\n, \r, \r\n,
    /// U+0085, U+2028 or U+2029), as NSString's getLineStart(_:end:contentsEnd:for:) upstream said.
    private func lineEnd(from start: Index) -> Index {
        let scalars = unicodeScalars
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            switch scalar {
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                return index
            case "\r":
                if index < scalars.endIndex && scalars[index] == "\n" { index = scalars.index(after: index) }
                return index
            default:
                continue
            }
        }
        return index
    }
}
