import Foundation

/// Suggestions for a name the document does not attest, by a noisy channel over the large name list: each
/// candidate within two edits scores its prior (Zipf frequency: how often English writes it) minus the cost
/// of the slip that would turn it into the observed form; the form as written scores its own prior. A
/// suggestion is made only when one candidate clearly beats both the form as written and every rival.
/// All scores are in log10 units: a unit of slip distance makes a candidate `slipCost` decades less likely.
public final class NameChannel: @unchecked Sendable {
    let list: NameList
    let index: NameIndex

    /// The channel's weights (`Rules/gazetteer/channel.tsv`, fitted by `scripts/fit-name-channel.py`).
    public struct Parameters: Sendable, Equatable {
        /// Decades of probability one unit of weighted slip distance costs.
        public var slipCost: Float = 2.5
        /// Zipf frequency assumed for a form the list does not know: a real but rare name.
        public var unlistedPrior: Float = 1.0
        /// An unlisted real name is likelier the shorter it is: chance alone puts short names near famous
        /// ones ("Hery" by Henry), long ones hardly ever. Decades per letter, around five letters.
        public var lengthSlope: Float = 0.4
        /// How much the best reading must beat the form as written (more when the list knows the form: a
        /// real name is written on purpose), and the runner-up.
        public var margin: Float = 0.5
        public var listedMargin: Float = 1.0
        public var rivalMargin: Float = 0.6
        /// Candidates rarer than this (Zipf) are not worth suggesting: nobody can tell the reader meant them.
        public var minimumCandidatePrior: Float = 2.0

        public init() {}

        nonisolated(unsafe) static let keys: [String: WritableKeyPath<Parameters, Float>] = [
            "slip_cost": \.slipCost, "unlisted_prior": \.unlistedPrior, "length_slope": \.lengthSlope,
            "margin": \.margin, "listed_margin": \.listedMargin, "rival_margin": \.rivalMargin,
            "minimum_candidate_prior": \.minimumCandidatePrior,
        ]

        /// `name<TAB>value` lines (`#` comments); an unknown name or a bad number is an error naming the line.
        static func parse(_ text: String, path: String) throws(DataError) -> Parameters {
            var p = Parameters()
            var n = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                n += 1
                let l = line.trimmingCharacters(in: .whitespaces)
                if l.isEmpty || l.hasPrefix("#") { continue }
                let f = l.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                guard f.count == 2, let key = keys[f[0]], let v = Float(f[1]), v.isFinite else {
                    throw .invalid(path: path, line: n, detail: "expected 'name<TAB>number' with a name among \(keys.keys.sorted().joined(separator: ", "))")
                }
                p[keyPath: key] = v
            }
            return p
        }
    }

    let parameters: Parameters

    public struct Suggestion: Sendable {
        public var entry: NameList.Entry
        public var distance: Float
        /// log10 odds of the candidate over the form as written.
        public var gain: Float
    }

    init(list: NameList, index: NameIndex, parameters: Parameters = Parameters()) {
        self.list = list
        self.index = index
        self.parameters = parameters
    }

    /// The channel over `list`, its fuzzy index opened from the cache folder or built there on first use.
    static func open(list: NameList, parameters: Parameters = Parameters(),
                     cacheDirectory: URL? = NameIndex.defaultCacheDirectory) -> NameChannel {
        let hash = list.contentHash
        let index = NameIndex.cached(sourceHash: hash, cacheDirectory: cacheDirectory) {
            var builder = NameIndex.Builder(capacity: 1_100_000)
            list.forEachForm { form, offset in
                let key = NameDistance.fold(String(decoding: form, as: UTF8.self))
                guard !key.isEmpty, key.count <= NameIndex.maxKeyLength else { return }
                builder.add(key, payload: UInt32(truncatingIfNeeded: offset))
            }
            return builder
        }
        return NameChannel(list: list, index: index, parameters: parameters)
    }

    /// The likeliest intended name for an observed form (folded key `q`), or nil when the form as written
    /// is as likely, or two names are equally likely.
    public func suggest(_ q: [UInt8], observedPrior: Float?, personContext: Bool = false) -> Suggestion? {
        guard q.count >= 4 else { return nil }
        return memo.value(MemoKey(q: q, observedPrior: observedPrior, personContext: personContext)) {
            search(q, observedPrior: observedPrior, personContext: personContext)
        }
    }

    private struct MemoKey: Hashable, Sendable {
        var q: [UInt8]
        var observedPrior: Float?
        var personContext: Bool
    }

    /// A name list search per form is the channel's cost; the same forms recur across documents.
    private let memo = Memo<MemoKey, Suggestion?>()

    private func search(_ q: [UInt8], observedPrior: Float?, personContext: Bool) -> Suggestion? {
        let p = parameters
        let asWritten = observedPrior ?? (p.unlistedPrior - p.lengthSlope * Float(q.count - 5))
        var best: Suggestion?
        var rival: Float = -.infinity
        var seen = Set<String>()
        for match in index.lookup(q, maxDistance: q.count >= 6 ? 2 : 1) where match.distance > 0 {
            guard let entry = list.entry(atOffset: Int(index.payload(match.id))) else { continue }
            let prior = Float(entry.prior) / 100
            let key = index.key(match.id)
            guard prior >= p.minimumCandidatePrior, !entry.form.contains(" "), !Self.isAcronym(entry.form),
                  seen.insert(entry.form.lowercased()).inserted,
                  // Letters added at the end make another name ("Iranzo" is not "Iran"), and after a given
                  // name or title a surname is meant, not a place.
                  !(q.count >= key.count + 2 && q.starts(with: key)),
                  // Another word of the same name ("Moscows", "Kenyan") is the possessive rule's business.
                  !NameDistance.isInflection(q, key),
                  !(personContext && !entry.isPersonName),
                  let d = NameDistance.distance(q, key, limit: 2.5) else { continue }
            let gain = prior - p.slipCost * d - asWritten
            if best == nil || gain > best!.gain {
                if let b = best { rival = max(rival, b.gain) }
                best = Suggestion(entry: entry, distance: d, gain: gain)
            } else {
                rival = max(rival, gain)
            }
        }
        guard let b = best, b.gain >= (observedPrior == nil ? p.margin : p.listedMargin),
              b.gain - rival >= p.rivalMargin else { return nil }
        return b
    }

    /// "ISIL", "NATO": written in capitals, never what a capitalised word was meant to be.
    static func isAcronym(_ form: String) -> Bool {
        form.utf8.count >= 2 && form.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2E }
    }
}

extension NameList {
    /// A fingerprint of the file's bytes, keying the fuzzy index cache.
    var contentHash: UInt64 {
        withBytes { raw in
            defer { RuleImage.releaseResidency(raw) }
            return RuleImage.checksum(raw)
        }
    }
}
