/// The numbers a source text writes, as values: Arabic digits (ASCII or full-width, grouped with commas,
/// dots or spaces either way round) and Chinese and Japanese numerals (三千, 一百二十, 1.5万, 2亿, 一点五,
/// 二〇〇八, 百分之五十). Reading is lenient on purpose: a value too many only lets a target number pass, a value
/// missed would make a false alarm.
struct SourceNumbers {
    private(set) var values: [Double] = []
    /// Whether the source is in Chinese or Japanese script, whose numerals are read (otherwise only digits are).
    private(set) var readsNumerals = false

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if Self.isHan(s) { readsNumerals = true }
            if Self.digit(s) != nil {
                var j = i
                while j < scalars.count, Self.digit(scalars[j]) != nil || (Self.isSeparator(scalars[j]) && j + 1 < scalars.count && Self.digit(scalars[j + 1]) != nil) { j += 1 }
                let run = Array(scalars[i..<j])
                let bases = Self.readDigits(run)
                values += bases
                // A scale after the digits: 1.5万, 150万, 3千, 2亿.
                if j < scalars.count, let scale = Self.bigScale(scalars[j]) ?? Self.smallScale(scalars[j]) {
                    values += bases.map { $0 * scale }
                }
                i = j
                continue
            }
            if Self.numeral(s) != nil || Self.smallScale(s) != nil || Self.bigScale(s) != nil {
                var j = i
                while j < scalars.count, Self.numeral(scalars[j]) != nil || Self.smallScale(scalars[j]) != nil
                        || Self.bigScale(scalars[j]) != nil || (scalars[j] == "点" && j + 1 < scalars.count && Self.numeral(scalars[j + 1]) != nil) { j += 1 }
                values += Self.readNumerals(Array(scalars[i..<j]))
                i = j
                continue
            }
            i += 1
        }
    }

    /// Whether `value` is among the source's numbers.
    func contains(_ value: Double) -> Bool {
        values.contains { abs($0 - value) <= 1e-9 * max(1, abs(value)) }
    }

    // MARK: Digits

    static func digit(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)
        default: return nil
        }
    }

    /// Digit grouping and decimal marks (the full-width comma "，" is Chinese punctuation, not one of them).
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == "," || s == "." || s == "．" || s == "\u{202F}" || s == "'"
    }

    /// The values a run of digits and separators may mean: "1,500.5" and "1.500,5" read both ways, and each
    /// group alone (a list such as "3, 4").
    static func readDigits(_ run: [Unicode.Scalar]) -> [Double] {
        var groups: [[Int]] = [[]]
        var separators: [Unicode.Scalar] = []
        for s in run {
            if let d = digit(s) { groups[groups.count - 1].append(d) } else { separators.append(s); groups.append([]) }
        }
        func integer(_ g: [Int]) -> Double { g.reduce(0) { $0 * 10 + Double($1) } }
        func fraction(_ g: [Int]) -> Double { g.reversed().reduce(0) { ($0 + Double($1)) / 10 } }
        var out = groups.map(integer)
        // The last separator as the decimal mark, the others as grouping; and all as grouping.
        if groups.count >= 2 {
            let whole = groups.dropLast().reduce([], +)
            out.append(integer(whole) + fraction(groups[groups.count - 1]))
            out.append(integer(groups.reduce([], +)))
        }
        return out
    }

    // MARK: Chinese and Japanese numerals

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3040...0x30FF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    static func numeral(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零": return 0
        case "一", "壹": return 1
        case "二", "两", "貳", "贰": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }

    static func smallScale(_ s: Unicode.Scalar) -> Double? {
        switch s {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        default: return nil
        }
    }

    static func bigScale(_ s: Unicode.Scalar) -> Double? {
        switch s {
        case "万", "萬": return 1e4
        case "亿", "億": return 1e8
        default: return nil
        }
    }

    /// The values of a run of numerals: its value as a number (一百二十 = 120, 一亿五千万 = 150,000,000,
    /// 一点五 = 1.5), as a string of digits when it has no scale (二〇〇八 = 2008), and each numeral alone.
    static func readNumerals(_ run: [Unicode.Scalar]) -> [Double] {
        var out: [Double] = run.compactMap { numeral($0) }.map(Double.init)
        if let point = run.firstIndex(of: "点") {
            let whole = value(Array(run[..<point]))
            let decimals = run[(point + 1)...].compactMap(numeral)
            out.append(whole + decimals.reversed().reduce(0) { ($0 + Double($1)) / 10 })
        } else {
            out.append(value(run))
        }
        if run.count >= 2, run.allSatisfy({ numeral($0) != nil }) {
            out.append(run.compactMap(numeral).reduce(0) { $0 * 10 + Double($1) })
        }
        return out
    }

    /// 一亿五千万 → 1.5e8: split at the last 亿, then at the last 万, then read thousands, hundreds and tens.
    static func value(_ run: [Unicode.Scalar]) -> Double {
        for (mark, scale) in [("亿" as Unicode.Scalar, 1e8), ("億", 1e8), ("万", 1e4), ("萬", 1e4)] {
            if let k = run.lastIndex(of: mark) {
                let left = Array(run[..<k])
                return (left.isEmpty ? 1 : value(left)) * scale + value(Array(run[(k + 1)...]))
            }
        }
        var total = 0.0, number = -1.0
        for s in run {
            if let d = numeral(s) { number = Double(d) }
            else if let unit = smallScale(s) { total += (number < 0 ? 1 : number) * unit; number = -1 }
        }
        return total + max(number, 0)
    }
}
