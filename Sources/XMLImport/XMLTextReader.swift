import CLibXML2
import Foundation
import LDIFCore

/// The one owner of a libxml2 streaming reader (`xmlTextReaderPtr`).
///
/// Options: no network, no DTD loading, no entity substitution by libxml2
/// (so no external entity is ever read), big line numbers. Internal entities
/// are expanded by ``appendEntityText(to:budget:)`` under a byte budget.
/// Nothing of libxml2 leaves this module.
final class XMLTextReader {
    /// Node types of `xmlTextReaderNodeType`.
    enum NodeType {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let entityReference: Int32 = 5
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    /// What an entity reference turned into.
    enum EntityText: Equatable {
        /// The replacement text was appended.
        case expanded
        /// An external entity: not read, by design.
        case external(String)
        /// The expansion would pass the byte budget.
        case overBudget
    }

    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    private let reader: xmlTextReaderPtr
    private let feed: XMLInputFeed
    let log = XMLErrorLog()

    /// Starts a reader over `feed`.
    ///
    /// - Parameters:
    ///   - name: the file name libxml2 puts in its messages.
    ///   - encoding: an encoding that overrides the prolog's, or nil.
    /// - Throws: ``ConversionError`` when libxml2 cannot allocate a reader.
    ///   - huge: lift libxml2's limits of 10,000,000 bytes per text node and 256 levels of nesting
    ///     (to 1 GB and 2048), for documents whose values are allowed to be that large.
    init(feed: XMLInputFeed, name: String, encoding: String?, huge: Bool = false) throws(ConversionError) {
        _ = Self.parserReady
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue
        if huge { options |= XML_PARSE_HUGE.rawValue }
        let context = Unmanaged.passUnretained(feed).toOpaque()
        let created = xmlReaderForIO(
            { context, buffer, count in
                guard let context, let buffer else { return -1 }
                return Unmanaged<XMLInputFeed>.fromOpaque(context).takeUnretainedValue()
                    .read(into: buffer, count: count)
            },
            { _ in 0 },  // the feed closes its own descriptor
            context, name, encoding, Int32(bitPattern: options))
        guard let created else {
            throw ConversionError(.input, "cannot start an XML reader for \(name)")
        }
        reader = created
        self.feed = feed
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<XMLErrorLog>.fromOpaque(context).takeUnretainedValue()
                    .add(XMLTextReader.message(from: error.pointee))
            },
            Unmanaged.passUnretained(log).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    private static func message(from error: xmlError) -> XMLParseMessage {
        var text = ""
        if let raw = error.message {
            let count = Int(strlen(raw))
            text = raw.withMemoryRebound(to: UInt8.self, capacity: count) {
                String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            }
            // One line per finding: libxml2's own line breaks become spaces, and a long message is cut.
            text = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            if text.count > 300 { text = String(text.prefix(300)) + "…" }
        }
        let level = XMLParseMessage.Level(rawValue: Int(error.level.rawValue)) ?? .fatal
        return XMLParseMessage(
            level: level, code: Int(error.code), line: Int(error.line), column: Int(error.int2), message: text)
    }

    /// Moves to the next node: true when there is one, false at the end or on an error.
    @inline(__always)
    func read() -> Bool {
        xmlTextReaderRead(reader) == 1
    }

    /// The `errno` of a failed read of the file, if one failed.
    var readErrno: Int32? { feed.readErrno }

    @inline(__always)
    var nodeType: Int32 { xmlTextReaderNodeType(reader) }

    /// The local name of the current element or attribute, interned in the
    /// reader's dictionary (the same name gives the same pointer).
    @inline(__always)
    var localName: UnsafePointer<UInt8>? { xmlTextReaderConstLocalName(reader) }

    /// The local name of the current node as text, cut at 100 bytes (for messages).
    var localNameText: String {
        guard let name = localName else { return "" }
        return String(decoding: UnsafeBufferPointer(start: name, count: min(Int(xmlStrlen(name)), 100)), as: UTF8.self)
    }

    @inline(__always)
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The text of the current text, CDATA or attribute node, valid until the next move.
    @inline(__always)
    var value: UnsafeBufferPointer<UInt8> {
        guard let text = xmlTextReaderConstValue(reader) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text)))
    }

    /// The line of the current node as libxml2 recorded it: exact below 65535,
    /// 65535 for an element past that line, exact for text nodes.
    var line: Int { Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader))) }

    /// The reader's interned copy of `name` (see ``XMLNameLookup``).
    func interned(_ name: String) -> UnsafePointer<UInt8>? {
        xmlTextReaderConstString(reader, name)
    }

    /// Start tags whose attributes past ``XMLAttributeGuard/limit`` the feed left out.
    var cutTags: Int { feed.cutTags }

    /// Whether the file had anything but whitespace in it.
    var sawContent: Bool { feed.sawContent }

    /// The number of attributes of the current element, namespace declarations included.
    var attributeCount: Int { Int(xmlTextReaderAttributeCount(reader)) }

    /// Bytes of the file the parser has consumed; -1 when unknown.
    var bytesConsumed: Int64 { Int64(xmlTextReaderByteConsumed(reader)) }

    /// Calls `body` with the local name and value of every attribute of the
    /// current element, namespace declarations left out.
    func forEachAttribute(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return }
        repeat {
            if xmlTextReaderIsNamespaceDecl(reader) != 1, let name = localName {
                body(name, value)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
    }

    /// Appends the replacement text of the entity referenced by the current node.
    ///
    /// Internal entities are walked here (libxml2 parsed them once, and
    /// refuses entity loops and exponential expansion itself); `budget` caps
    /// what one reference may add, whatever nesting the document declares.
    func appendEntityText(to bytes: inout [UInt8], budget: Int) -> EntityText {
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_ENTITY_REF_NODE,
            let entity = Self.entity(referencedBy: node)
        else { return .expanded }
        guard Self.isInternal(entity) else { return .external(Self.name(of: entity)) }
        var remaining = budget
        return Self.appendText(of: entity.pointee.children, to: &bytes, remaining: &remaining, depth: 0)
            ? .expanded : .overBudget
    }

    private static func entity(referencedBy node: xmlNodePtr) -> UnsafeMutablePointer<xmlEntity>? {
        // libxml2 links an entity reference node to its declaration through `children`.
        guard let target = node.pointee.children else { return nil }
        return UnsafeMutableRawPointer(target).assumingMemoryBound(to: xmlEntity.self)
    }

    private static func isInternal(_ entity: UnsafeMutablePointer<xmlEntity>) -> Bool {
        entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY || entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY
    }

    private static func name(of entity: UnsafeMutablePointer<xmlEntity>) -> String {
        guard let name = entity.pointee.name else { return "" }
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))), as: UTF8.self)
    }

    private static func appendText(
        of first: xmlNodePtr?, to bytes: inout [UInt8], remaining: inout Int, depth: Int
    ) -> Bool {
        guard depth < 32 else { return false }
        var node = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let count = Int(xmlStrlen(content))
                    guard count <= remaining else { return false }
                    remaining -= count
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
                }
            case XML_ELEMENT_NODE:
                guard appendText(of: current.pointee.children, to: &bytes, remaining: &remaining, depth: depth + 1)
                else { return false }
            case XML_ENTITY_REF_NODE:
                if let entity = entity(referencedBy: current), isInternal(entity) {
                    guard appendText(of: entity.pointee.children, to: &bytes, remaining: &remaining, depth: depth + 1)
                    else { return false }
                }
            default:
                break
            }
            node = current.pointee.next
        }
        return true
    }
}
