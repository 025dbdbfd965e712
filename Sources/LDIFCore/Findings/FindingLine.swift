/// A finding as one line of `findings.jsonl`, written by hand: the same JSON as
/// `JSONEncoder` with sorted keys gives (a test holds it to that), about ten times
/// faster, which counts when a broken export rejects millions of rows.
enum FindingLine {
    static func append(_ finding: Finding, to out: inout [UInt8]) {
        // Keys in sorted order; an absent optional leaves its key out.
        out.append(static: #"{"code":"#)
        JSONBytes.appendString(finding.code, to: &out)
        if let field = finding.field {
            out.append(static: #","field":"#)
            JSONBytes.appendString(field, to: &out)
        }
        if let itemId = finding.itemId {
            out.append(static: #","itemId":"#)
            JSONBytes.appendString(itemId, to: &out)
        }
        if let itemType = finding.itemType {
            out.append(static: #","itemType":"#)
            JSONBytes.appendString(itemType, to: &out)
        }
        if let location = finding.location {
            out.append(static: #","location":"#)
            append(location, to: &out)
        }
        out.append(static: #","message":"#)
        JSONBytes.appendString(finding.message, to: &out)
        if let rule = finding.rule {
            out.append(static: #","rule":"#)
            JSONBytes.appendString(rule, to: &out)
        }
        out.append(static: #","severity":"#)
        JSONBytes.appendString(finding.severity.rawValue, to: &out)
        out.append(static: #","stage":"#)
        JSONBytes.appendString(finding.stage.rawValue, to: &out)
        out.append(static: "}\n")
    }

    private static func append(_ location: SourceLocation, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let column = location.column {
            out.append(static: #""column":"#)
            JSONBytes.appendDecimal(column, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(static: #""file":"#)
        JSONBytes.appendString(location.file, to: &out)
        out.append(static: #","line":"#)
        JSONBytes.appendDecimal(location.line, to: &out)
        if let pointer = location.pointer {
            out.append(static: #","pointer":"#)
            JSONBytes.appendString(pointer, to: &out)
        }
        out.append(static: #","record":"#)
        JSONBytes.appendDecimal(location.record, to: &out)
        if let sheet = location.sheet {
            out.append(static: #","sheet":"#)
            JSONBytes.appendString(sheet, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
