import LDIFCore
import Testing

struct MappingLoaderTests {
    @Test func fiveMistakesAreReportedAtOnceWithLinesAndSuggestions() {
        let lines = diagnostics(
            """
            ldif:
              connectorType: csvImport
              connectorId: apps
              connectorVersion: 1.0.0
              procesingMode: partial
            maps:
              crit: { "1": missionCritical }
            items:
              - type: Application
                id: "{{ id }}"
                data:
                  cost: "{{ cost | numbr }}"
                  crit: "{{ crit | map: crits }}"
                  due: "{{ due | date: 'dd.MM.yyyq' }}"
                  code: "{{ code | match: '([a-z' }}"
            """)
        #expect(
            lines == [
                "test.yaml:5: ldif.procesingMode: unknown key 'procesingMode' (did you mean 'processingMode'?)",
                "test.yaml:12: items[0].data.cost: unknown filter 'numbr' (did you mean 'number'?)",
                "test.yaml:13: items[0].data.crit: unknown map 'crits' (did you mean 'crit'?) (define it under maps:)",
                "test.yaml:14: items[0].data.due: bad date pattern: 'yyy' is not a date pattern field (use yyyy, MM, dd, HH, mm, ss; quote literal letters: 'T')",
                "test.yaml:15: items[0].data.code: '([a-z' is not a valid regular expression (in YAML, single-quote it so backslashes survive)",
            ])
    }

    @Test(arguments: [
        ("items: []", "the mapping has no 'ldif:' section"),
        (
            "ldif: { connectorType: a, connectorId: b }\nitems: [{ type: T, id: x }]",
            "ldif.connectorVersion: 'connectorVersion' is required"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c, processingDirection: outbound }\nitems: [{ type: T, id: x }]",
            "ldifbulk writes inbound LDIF only"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: '{{ x | default }}' }]",
            "filter 'default' takes 1 argument, not 0 (write: default: 'value')"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: '{{ x ' }]",
            "'{{' is not closed with '}}'"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: '{{ $eahc }}' }]",
            "unknown variable '$eahc' (did you mean 'each'?)"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: '{{ $each }}' }]",
            "$each is only defined in an item rule that has 'each:'"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: x, phase: 0 }]",
            "phase must be a whole number from 1"
        ),
        (
            "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: x, when: [{ value: '{{ a }}', equal: b }] }]",
            "unknown key 'equal' (did you mean 'equals'?)"
        ),
        ("ldif: [a\n", "not valid YAML"),
    ])
    func problemsNameWhatIsWrong(yaml: String, expected: String) {
        let lines = diagnostics(yaml)
        #expect(lines.contains { $0.contains(expected) }, "\(lines)")
    }

    @Test func unknownColumnsAreFoundWhenBindingAnInput() throws {
        let plan = try loadPlan(
            """
            ldif: { connectorType: a, connectorId: b, connectorVersion: c }
            items:
              - type: T
                id: "{{ id }}"
                data: { name: "{{ nmae }}" }
            """)
        let problems = [BindProblem(pathIndex: 1, message: "no column 'nmae' in apps.csv (did you mean 'name'?)")]
        #expect(
            plan.diagnostics(for: problems).map(\.description) == [
                "test.yaml:5: items[0].data.name: no column 'nmae' in apps.csv (did you mean 'name'?)"
            ])
    }

    @Test func literalsKeepTheirYAMLType() throws {
        let result = try convert(
            header + """

                items:
                  - type: T
                    id: x
                    data: { n: 12.50, b: true, s: "12", nested: { list: [1, "{{ v }}"] } }
                """, tables: ["t": [["v"], ["a"]]])
        #expect(
            result.items == [#"{"data":{"b":true,"n":12.5,"nested":{"list":[1,"a"]},"s":"12"},"id":"x","type":"T"}"#])
    }
}

/// The workbook keys of `source:` and of lookups.
struct WorkbookSourceKeyTests {
    static let head = "ldif: { connectorType: a, connectorId: b, connectorVersion: c }\nitems: [{ type: T, id: x }]\n"

    @Test func sheetHeaderRowAndFirstDataRowAreRead() throws {
        let plan = try loadPlan(Self.head + "source: { sheet: [Europe, 2], headerRow: 1, firstDataRow: 3 }")
        #expect(plan.source.sheets == ["Europe", "2"])
        #expect(plan.source.headerRow == 1)
        #expect(plan.source.firstDataRow == 3)
        let one = try loadPlan(Self.head + "source: { sheet: Applications }")
        #expect(one.source.sheets == ["Applications"])
        #expect(one.source.firstDataRow == nil)
    }

    @Test(arguments: [
        ("source: { headerRow: 0 }", "test.yaml:3: source.headerRow: headerRow must be a row number, 1 or more"),
        (
            "source: { firstDataRow: x }",
            "test.yaml:3: source.firstDataRow: firstDataRow must be a row number, 1 or more"
        ),
        (
            "source: { headerRow: 2, firstDataRow: 2 }",
            "test.yaml:3: source.firstDataRow: firstDataRow (2) must come after headerRow (2), or set header: false"
        ),
        (
            "source: { header: false, headerRow: 2 }",
            "test.yaml:3: source.headerRow: headerRow needs a header row: remove it, or set header: true"
        ),
        ("source: { sheets: A }", "test.yaml:3: source.sheets: unknown key 'sheets' (did you mean 'sheet'?)"),
        ("source: { sheet: [] }", "test.yaml:3: source.sheet: sheet lists no sheets: name one, or use \"*\""),
    ])
    func mistakesAreReportedWithTheirLine(_ source: String, _ message: String) {
        #expect(diagnostics(Self.head + source) == [message])
    }
}
