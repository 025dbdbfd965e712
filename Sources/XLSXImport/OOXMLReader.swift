import CLibXML2
import Foundation
import LDIFCore

/// A libxml2 streaming reader over one inflated workbook part.
///
/// Options: no network, no DTD loading, no entity substitution (so no external
/// entity is ever read). Elements are matched by local name and namespace, never by prefix.
final class OOXMLReader {
    enum NodeType {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    private let reader: xmlTextReaderPtr
    private let stream: ZipEntryStream
    /// The first fatal message libxml2 gave.
    private(set) var parseError: String?

    /// Starts a reader over `stream`.
    init(stream: ZipEntryStream) throws(ConversionError) {
        _ = Self.parserReady
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue
        let context = Unmanaged.passUnretained(stream).toOpaque()
        let created = xmlReaderForIO(
            { context, buffer, count in
                guard let context, let buffer else { return -1 }
                return Unmanaged<ZipEntryStream>.fromOpaque(context).takeUnretainedValue()
                    .readForParser(into: buffer, count: count)
            },
            { _ in 0 }, context, stream.entry, nil, Int32(bitPattern: options))
        guard let created else {
            throw ConversionError(.input, "cannot start an XML reader for \(stream.archiveName)")
        }
        reader = created
        self.stream = stream
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                let owner = Unmanaged<OOXMLReader>.fromOpaque(context).takeUnretainedValue()
                if owner.parseError == nil {
                    let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                    let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                    owner.parseError = "line \(error.pointee.line): \(oneLine)"
                }
            },
            Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node: true when there is one, false at the end.
    ///
    /// - Throws: ``ConversionError`` when the part is damaged, too large, or not well-formed XML.
    @inline(__always)
    func read() throws(ConversionError) -> Bool {
        let result = xmlTextReaderRead(reader)
        if result == 1 { return true }
        if let failure = stream.failure { throw failure }
        if result < 0 || parseError != nil {
            throw ConversionError(
                .input,
                "\(stream.archiveName): the part \(stream.entry) is not well-formed XML "
                    + "(\(parseError ?? "malformed")); open the workbook in Excel and save it again")
        }
        return false
    }

    @inline(__always)
    var nodeType: Int32 { xmlTextReaderNodeType(reader) }

    @inline(__always)
    var depth: Int32 { xmlTextReaderDepth(reader) }

    @inline(__always)
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The local name of the current node, as bytes valid until the next move.
    @inline(__always)
    var localName: UnsafeBufferPointer<UInt8> { Self.buffer(xmlTextReaderConstLocalName(reader)) }

    /// The namespace of the current node (interned: the same namespace gives the same pointer).
    @inline(__always)
    var namespace: UnsafePointer<UInt8>? { xmlTextReaderConstNamespaceUri(reader) }

    /// The text of the current text node or attribute, valid until the next move.
    @inline(__always)
    var value: UnsafeBufferPointer<UInt8> { Self.buffer(xmlTextReaderConstValue(reader)) }

    /// Moves to the next attribute of the current element; false when there is none left.
    @inline(__always)
    func nextAttribute() -> Bool { xmlTextReaderMoveToNextAttribute(reader) == 1 }

    /// Moves back from the attributes to their element.
    @inline(__always)
    func backToElement() { xmlTextReaderMoveToElement(reader) }

    /// The attributes of the current element as (local name, namespace, value) strings (small parts only).
    func attributes() -> [(name: String, namespace: String, value: String)] {
        var found: [(String, String, String)] = []
        while nextAttribute() {
            let namespace = self.namespace.map { String(cString: $0) } ?? ""
            found.append((text(localName), namespace, text(value)))
        }
        backToElement()
        return found
    }

    func text(_ buffer: UnsafeBufferPointer<UInt8>) -> String { String(decoding: buffer, as: UTF8.self) }

    /// Whether the current node's local name is `name` (ASCII).
    @inline(__always)
    func isNamed(_ name: StaticString) -> Bool {
        let own = localName
        guard own.count == name.utf8CodeUnitCount else { return false }
        return memcmp(own.baseAddress!, name.utf8Start, own.count) == 0
    }

    @inline(__always)
    private static func buffer(_ pointer: UnsafePointer<UInt8>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }
}
