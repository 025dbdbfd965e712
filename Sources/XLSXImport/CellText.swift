import LDIFCore

/// Text rules of SpreadsheetML strings: `xml:space`, `_xHHHH_` escapes, and rich-text runs.
enum CellText {
    /// Whether `byte` is XML whitespace (space, tab, line feed, carriage return).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Appends the text of one `<t>`: trimmed of XML whitespace unless `preserve`, escapes decoded.
    static func appendText(_ raw: ArraySlice<UInt8>, preserve: Bool, to out: inout [UInt8]) {
        var text = raw
        if !preserve {
            while let first = text.first, isSpace(first) { text = text.dropFirst() }
            while let last = text.last, isSpace(last) { text = text.dropLast() }
        }
        appendDecoded(text, to: &out)
    }

    /// Appends `text` with every `_xHHHH_` escape decoded (UTF-16 code units; pairs joined).
    static func appendDecoded(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard text.contains(UInt8(ascii: "_")) else {
            out.append(contentsOf: text)
            return
        }
        var index = text.startIndex
        while index < text.endIndex {
            if let unit = escape(in: text, at: index) {
                var scalar: Unicode.Scalar?
                var length = 7
                if (0xD800..<0xDC00).contains(unit), let low = escape(in: text, at: index + 7),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    length = 14
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                if let scalar {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    index += length
                    continue
                }
            }
            out.append(text[index])
            index += 1
        }
    }

    /// The code unit of an `_xHHHH_` escape starting at `index`, or nil.
    private static func escape(in text: ArraySlice<UInt8>, at index: Int) -> UInt16? {
        guard index + 7 <= text.endIndex, text[index] == UInt8(ascii: "_"), text[index + 1] == UInt8(ascii: "x"),
            text[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard let digit = hexValue(text[index + offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension OOXMLReader {
    /// Reads the string element the reader is on (`si` or `is`) to its end, appending its text:
    /// every `<t>` joined (plain or in rich-text runs), phonetic runs (`rPh`) left out.
    func appendStringItem(to out: inout [UInt8], scratch: inout [UInt8]) throws(ConversionError) {
        guard !isEmptyElement else { return }
        let itemDepth = depth
        var phoneticDepth: Int32 = -1
        var inText = false
        var preserve = false
        while try read() {
            let type = nodeType
            switch type {
            case NodeType.element:
                if isNamed("rPh") {
                    if !isEmptyElement { phoneticDepth = depth }
                } else if isNamed("t"), phoneticDepth < 0 {
                    preserve = preservesSpace()
                    if isEmptyElement { continue }
                    inText = true
                    scratch.removeAll(keepingCapacity: true)
                }
            case NodeType.text, NodeType.cdata, NodeType.whitespace, NodeType.significantWhitespace:
                if inText { scratch.append(contentsOf: value) }
            case NodeType.endElement:
                if depth == itemDepth { return }
                if phoneticDepth >= 0, depth == phoneticDepth, isNamed("rPh") {
                    phoneticDepth = -1
                } else if inText, isNamed("t") {
                    inText = false
                    CellText.appendText(scratch[...], preserve: preserve, to: &out)
                }
            default: break
            }
        }
    }

    /// Whether the current element has `xml:space="preserve"`.
    func preservesSpace() -> Bool {
        var preserve = false
        while nextAttribute() {
            if isNamed("space"), let namespace, String(cString: namespace) == OOXMLNames.xml {
                preserve = text(value) == "preserve"
            }
        }
        backToElement()
        return preserve
    }
}
