import Foundation
import LDIFCore
import Testing

/// Runs one template over one value of column `v` and gives the field's JSON (nil when left out)
/// and the findings' codes and severities.
func field(_ template: String, _ value: String, extra: String = "", tables: [String: [[String]]] = [:]) throws -> (
    String?, [String]
) {
    let yaml =
        header + """

            \(extra)
            items:
              - type: T
                id: "x"
                data:
                  f: |-
                    \(template)
            """
    let result = try convert(yaml, tables: tables.merging(["t": [["v"], [value]]]) { $1 }, inputs: ["t"])
    let item = result.items.first
    var json: String?
    if let item {
        let object = try JSONSerialization.jsonObject(with: Data(item.utf8)) as! [String: Any]
        let data = object["data"] as! [String: Any]
        if let value = data["f"] {
            json = String(
                decoding: try JSONSerialization.data(
                    withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
        }
    }
    return (json, result.findings.map { "\($0.severity.rawValue):\($0.code)" })
}

struct FilterTests {
    static let maps = """
        maps:
          crit: { "1": missionCritical, "2": businessCritical }
          critAll: { "1": missionCritical, "*": other }
        """

    @Test(arguments: [
        ("{{ v | trim }}", "  HR  ", #""HR""#),
        ("{{ v | trim }}", "\u{00A0}x y\u{2003}", #""x y""#),
        ("{{ v | trim | upper }}", " Ærø ", #""ÆRØ""#),
        ("{{ v | map: crit | default: 'other' }}", "9", #""other""#),
        ("{{ v | split: ',' }}", "a, é ,\u{00A0}", #"["a","é"]"#),
        ("{{ v | lower }}", "ÄBC Def", #""äbc def""#),
        ("{{ v | upper }}", "abc", #""ABC""#),
        ("{{ v | default: 'none' }}", "", #""none""#),
        ("{{ v | default: 'none' }}", "x", #""x""#),
        ("{{ v | number }}", "12.50", "12.5"),
        ("{{ v | number }}", "042", "42"),
        ("{{ v | number }}", "-0.0", "0"),
        ("{{ v | number }}", " 1e3 ", "1000"),
        ("{{ v | integer }}", "42", "42"),
        ("{{ v | integer }}", "42.0", "42"),
        ("{{ v | boolean }}", "Yes", "true"),
        ("{{ v | boolean }}", "n", "false"),
        ("{{ v | boolean }}", "0", "false"),
        ("{{ v | date: 'dd.MM.yyyy' }}", "01.03.2024", #""2024-03-01""#),
        ("{{ v | date: 'd.M.yyyy' }}", "1.3.2024", #""2024-03-01""#),
        ("{{ v | date: 'yyyy-MM-dd HH:mm:ss' }}", "2024-02-29 23:59:00", #""2024-02-29T23:59:00""#),
        // An ISO date (a workbook's date cell) passes unchanged, so one mapping serves a CSV and a workbook.
        ("{{ v | date: 'dd.MM.yyyy' }}", "2024-03-01", #""2024-03-01""#),
        ("{{ v | date: 'dd.MM.yyyy' }}", "2021-06-15T08:30:00", #""2021-06-15T08:30:00""#),
        ("{{ v | date: 'dd.MM.yyyy' }}", "2021-06-15T08:30:00.250", #""2021-06-15T08:30:00.250""#),
        ("{{ v | split: ';' }}", "a; b;;c ", #"["a","b","c"]"#),
        ("{{ v | split: ';' | join: '+' }}", "a;b", #""a+b""#),
        ("{{ v | split: ';' | first }}", "a;b", #""a""#),
        ("{{ v | list }}", "a", #"["a"]"#),
        ("{{ v | split: ';' | number }}", "1;2.50", "[1,2.5]"),
        ("{{ v | map: crit }}", "1", #""missionCritical""#),
        ("{{ v | map: critAll }}", "9", #""other""#),
        ("{{ v | replace: ',', '.' | number }}", "12,5", "12.5"),
        ("{{ v | match: 'ID-([0-9]+)' }}", "see ID-42 here", #""42""#),
        ("{{ v | match: '[0-9]+' }}", "abc 77", #""77""#),
        ("x-{{ v }}", "a\"b\\c\n", #""x-a\"b\\c\n""#),
        ("{{ v }}", "tab\there", #""tab\there""#),
        ("{{ '{{' }} {{ v }}", "x", #""{{ x""#),
    ])
    func converts(template: String, value: String, expected: String) throws {
        let (json, findings) = try field(template, value, extra: Self.maps)
        #expect(json == expected)
        #expect(findings.isEmpty)
    }

    @Test(arguments: [
        ("{{ v | number }}", "12,5"),
        ("{{ v | number }}", "1.2.3"),
        ("{{ v | integer }}", "4.5"),
        ("{{ v | boolean }}", "maybe"),
        ("{{ v | date: 'dd.MM.yyyy' }}", "31.02.2024"),
        ("{{ v | date: 'dd.MM.yyyy' }}", "2024/03/01"),
        ("{{ v | date: 'dd.MM.yyyy' }}", "2024-02-30"),
        ("{{ v | date: 'dd.MM.yyyy' }}", "2024-03-01T24:00:00"),
        ("{{ v | map: crit }}", "9"),
        ("{{ v | match: '^[0-9]+$' }}", "abc"),
    ])
    func refusedValuesAreWarningsAndLeftOut(template: String, value: String) throws {
        let (json, findings) = try field(template, value, extra: Self.maps)
        #expect(json == nil)
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("warning:") == true)
    }

    @Test func numbersKeepEveryDigit() throws {
        let result = try convert(
            header + "\nitems:\n  - { type: T, id: x, data: { n: '{{ v | number }}' } }\n",
            tables: ["t": [["v"], ["123456789012345678901234567890.10"]]])
        #expect(result.items.first?.contains(#""n":123456789012345678901234567890.1"#) == true)
    }

    @Test func defaultReplacesARefusedValueWithItsType() throws {
        #expect(try field("{{ v | number | default: 0 }}", "n/a").0 == "0")
        #expect(try field("{{ v | boolean | default: 'no' }}", "perhaps").0 == "false")
        #expect(try field("{{ v | number | default: 0 }}", "n/a").1 == [])
    }

    @Test func requiredMakesARefusalAnError() throws {
        let (json, findings) = try field("{{ v | number | required }}", "n/a")
        #expect(json == nil)
        #expect(findings == ["error:number"])
        let (_, empty) = try field("{{ v | required }}", "")
        #expect(empty == ["error:required"])
    }
}
