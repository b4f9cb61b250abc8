import Foundation

/// Entry points the benchmark executable measures directly.
extension ICU {
    /// Bare ICU word segmentation of a text (the speed limit the pipeline is compared with).
    public static func benchmarkWordBreaks(_ units: UnsafeBufferPointer<UInt16>) -> Int {
        var bounds: [Int32] = [], statuses: [Int32] = []
        return wordBreaks(units, bounds: &bounds, statuses: &statuses)
    }
}

extension Gazetteer {
    public static func loadForBenchmark(rules: URL) throws -> Gazetteer { try load(rules: rules) }
    public var fuzzyIndexForBenchmark: FuzzyIndex { fuzzy }
}
