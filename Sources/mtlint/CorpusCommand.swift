import ArgumentParser
import Foundation
import MTLintKit

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Lint a corpus stream: one JSON line of results per input record.",
        discussion: """
            Output, one line per record and in input order: {"id": …, "score": …, "diagnostics": [{"rule", \
            "category", "severity", "start", "end", "message", "suggestions"}]}; start and end are code-point \
            offsets into the record's text. A record that cannot be read gives {"id": …, "line": N, "error": …}.
            """)

    @Argument(help: "Input files ('-' or nothing: standard input).")
    var inputs: [String] = []

    @Option(help: "Record layout: jsonl ({\"id\", \"text\"} objects, optionally with \"source\"), tsv (id<TAB>text with \\n, \\t, \\\\ escapes), tsv3 (id<TAB>source<TAB>target, same escapes) or lines.")
    var inputFormat: CorpusFormat = .jsonl

    @Option(help: "JSONL field holding the record id.")
    var idField: String = "id"

    @Option(help: "JSONL field holding the text.")
    var textField: String = "text"

    @Option(help: "JSONL field holding the source the text translates (bilingual checks run when a record has it).")
    var sourceField: String = "source"

    @Option(help: "JSONL fields holding the source and target languages (BCP 47 codes), when records give them.")
    var sourceLangField: String = "source_lang"

    @Option(help: "JSONL field holding the target language.")
    var targetLangField: String = "target_lang"

    @Option(help: "How to read each record's text: plain, html or markdown.")
    var markup: MarkupFormat = .plain

    @Option(name: .shortAndLong, help: "Records linted in parallel (default: all cores).")
    var jobs: Int = Parallel.defaultJobs

    @Option(help: "Records read ahead per batch; memory stays bounded by it.")
    var batch: Int = 512

    @Option(help: "Longest record, in MiB: a longer line is skipped (reported as an error record), so memory stays bounded.")
    var maxRecordSize: Int = 64

    @Flag(help: "Add each record's garble-score signals and word count (for training the score model).")
    var signals = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        guard maxRecordSize >= 1 && maxRecordSize <= 1 << 20 else { throw ValidationError("--max-record-size must be between 1 and 1048576 (MiB)") }
    }

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        // The configuration of the working directory, as for `mtlint -` and `mtlint serve`.
        let factory = try LinterFactory(options: ruleOptions)
        let session = try factory.session(for: try factory.configuration(for: "-"))
        var out = Output()
        var summary = Summary()
        var failed = false
        for input in inputs.isEmpty ? ["-"] : inputs {
            let fd: Int32 = input == "-" ? STDIN_FILENO : open(input, O_RDONLY)
            guard fd >= 0 else {
                warn("\(input): cannot open (\(String(cString: strerror(errno))))")
                failed = true
                continue
            }
            defer { if fd != STDIN_FILENO { close(fd) } }
            var reader = CorpusReader(fileDescriptor: fd, format: inputFormat, maxRecordBytes: maxRecordSize << 20)
            reader.idField = idField
            reader.textField = textField
            reader.sourceField = sourceField
            reader.sourceLanguageField = sourceLangField
            reader.targetLanguageField = targetLangField
            let name = input == "-" ? "<stdin>" : input
            let markup = self.markup
            let withSignals = signals
            var done = false
            while !done {
                // Read a batch, lint it on all cores, write it in input order.
                var records: [CorpusRecord] = []
                records.reserveCapacity(batch)
                // A slow producer (a pipe) gets its answers as it goes: lint what has arrived rather than wait
                // for a whole batch.
                while records.count < batch {
                    if !records.isEmpty && !reader.canReadWithoutWaiting { break }
                    guard let r = reader.next() else { done = true; break }
                    records.append(r)
                }
                let waiting = !done && records.count < batch
                let results = Parallel.map(records, jobs: jobs) { record -> (String, LintResult?) in
                    guard let text = record.text else {
                        return (JSON.object([("id", record.idJSON), ("line", String(record.line)),
                                             ("error", JSON.quoted(record.error ?? "unreadable record"))]), nil)
                    }
                    let result = session.lint(text: text, format: markup, path: session.baseline == nil ? nil : record.id,
                                              bitext: record.bitext)
                    var fields = [
                        ("id", record.idJSON),
                        ("score", JSON.number(result.score)),
                        ("diagnostics", JSON.array(result.diagnostics.map { JSONReporter.diagnostic($0, full: false) })),
                    ]
                    if withSignals {
                        fields.append(("words", String(result.words)))
                        fields.append(("signals", JSON.object(result.signals.map { ($0.name, JSON.number($0.value)) })))
                    }
                    return (JSON.object(fields), result)
                }
                for (record, (line, result)) in zip(records, results) {
                    if let result { summary.add(result) } else {
                        warn("\(name):\(record.line): \(record.error ?? "unreadable record")")
                        failed = true
                    }
                    out.write(line + "\n")
                }
                if waiting { out.flush() }
            }
        }
        out.flush()
        if failed { throw ExitCode(2) }
        if ruleOptions.fails(summary) { throw ExitCode(1) }
    }
}
